/** State colours, chosen to read on a projector: green is healthy, amber is in-between, red is down. */
export const BGP_STATE_COLOR: Record<string, string> = {
  Idle: '#b0b4ba',
  Connect: '#f2c14e',
  Active: '#f29e4c',
  OpenSent: '#8fb8de',
  OpenConfirm: '#5d9cec',
  Established: '#4caf50',
};

export const BFD_STATE_COLOR: Record<string, string> = {
  AdminDown: '#9e9e9e',
  Down: '#e53935',
  Init: '#f2c14e',
  Up: '#4caf50',
};

/** A lane whose owner's process or node is down (sim/replay/lanes.ts PROCESS_DOWN): dark, not a state colour. */
export const PROCESS_DOWN_COLOR = '#37474f';

/**
 * GR phases in a family of their own (magenta, violet, brown, teal), none near the FSM states'
 * amber/orange or the nodes' Tableau colours, so "stale" never reads as "Active" or as node-2.
 */
export const GR_PHASE_COLOR: Record<string, string> = {
  stale: '#c2185b',
  sync: '#7e57c2',
  llgr: '#6d4c41',
  'll-sync': '#f48fb1',
  deferral: '#00897b',
};

export const GR_PHASE_LABEL: Record<string, string> = {
  stale: 'helper: routes stale (restart timer)',
  sync: 'helper: waiting for End-of-RIB (stale-path timer)',
  llgr: 'LLGR-stale (long-lived stale time)',
  'll-sync': 'LLGR: waiting for End-of-RIB',
  deferral: 'restarting speaker: selection deferral',
};

export const MARK_COLOR: Record<string, string> = {
  OPEN: '#1565c0',
  UPDATE: '#2e7d32',
  'End-of-RIB': '#6a1b9a',
  NOTIFICATION: '#c62828',
  'ROUTE-REFRESH': '#00838f',
  down: '#000000',
  KEEPALIVE: '#9e9e9e',
  'bfd-decision': '#c62828',
};

export const PATH_STATE_COLOR: Record<string, string> = {
  fresh: '#4caf50',
  stale: '#c2185b',
  'llgr-stale': '#6d4c41',
};

/**
 * One colour per node, in scenario order (Tableau 10 reads on a projector), the hues no FSM state or
 * GR phase uses first (blue, teal, brown, pink, purple), so node-2 is never the colour of "Active"
 * or "stale"; past five nodes the rest of Tableau follows.
 */
const NODE_PALETTE = [
  '#4e79a7',
  '#76b7b2',
  '#9c755f',
  '#ff9da7',
  '#af7aa1',
  '#f28e2c',
  '#e15759',
  '#59a14f',
  '#edc949',
];
export const NO_NEXT_HOP_COLOR = '#3a3a3a';

export function nodeColor(nodes: readonly string[]): (node: string | null) => string {
  const index = new Map(nodes.map((n, i) => [n, i]));
  return (node) => {
    if (node === null) return NO_NEXT_HOP_COLOR;
    const i = index.get(node);
    return i === undefined ? '#bab0ab' : NODE_PALETTE[i % NODE_PALETTE.length]!;
  };
}
