/**
 * Cross-reference rules a JSON Schema cannot express: names unique, references to nodes,
 * routers and services that exist, times inside the run, keepalive below hold. Works on the raw
 * (possibly invalid) JSON so these problems are reported together with the schema's own.
 */
import { s } from '../base/time.js';
import { defaultNodeAddress, defaultRouterAddress } from './addresses.js';
import { parseDuration } from './duration.js';

type Path = (string | number)[];
export interface ReferenceIssue {
  path: Path;
  message: string;
}

const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const obj = (x: unknown): Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** `nodes[2]` */
const formatRef = (path: Path) => `${path[0]}[${path[1]}]`;

export function referenceIssues(raw: unknown): ReferenceIssue[] {
  const out: ReferenceIssue[] = [];
  const issue = (path: Path, message: string) => out.push({ path, message });
  const root = obj(raw);
  const names = (key: string) => {
    const seen = new Map<string, number>();
    arr(root[key]).forEach((x, i) => {
      const n = str(obj(x).name);
      if (n === undefined) return;
      const first = seen.get(n);
      if (first !== undefined) issue([key, i, 'name'], `duplicate name "${n}" (also ${key}[${first}])`);
      else seen.set(n, i);
    });
    return seen;
  };
  const nodes = names('nodes');
  const routers = names('routers');
  const services = names('services');
  for (const [n, i] of nodes) if (routers.has(n)) issue(['nodes', i, 'name'], `"${n}" is also a router name`);

  const kinds = { node: nodes, router: routers, service: services, 'node or router': new Map([...nodes, ...routers]) };
  const mustBe = (kind: keyof typeof kinds, v: unknown, path: Path) => {
    const name = str(v);
    if (name === undefined || kinds[kind].has(name)) return;
    const known = [...kinds[kind].keys()];
    const shown =
      known.length > 12 ? `${known.slice(0, 12).join(', ')} and ${known.length - 12} more` : known.join(', ');
    issue(path, `no ${kind} named "${name}" (known: ${shown || 'none'})`);
  };
  const end = parseDuration(root.duration);
  const inRun = (v: unknown, path: Path) => {
    const t = parseDuration(v);
    if (t !== undefined && end !== undefined && t > end) {
      issue(path, `${JSON.stringify(v)} is after the end of the run (duration ${end / s(1)} s)`);
    }
  };

  // A link carries a speaker–router session (world/transport.ts): one node, one router, once.
  const pairProblem = (v: unknown): string | undefined => {
    const [a, b] = arr(v).map(str);
    if (a === undefined || b === undefined) return undefined;
    if (a === b) return `joins "${a}" to itself; a link joins a node and a router`;
    const known = (n: string) => nodes.has(n) || routers.has(n);
    if (known(a) && known(b) && nodes.has(a) === nodes.has(b)) {
      return `joins two ${nodes.has(a) ? 'nodes' : 'routers'} ("${a}", "${b}"); a link joins a node and a router`;
    }
    return undefined;
  };
  const linkSeen = new Map<string, number>();
  arr(root.links).forEach((l, i) => {
    const between = obj(l).between;
    arr(between).forEach((e, j) => {
      mustBe('node or router', e, ['links', i, 'between', j]);
    });
    const problem = pairProblem(between);
    if (problem) {
      issue(['links', i, 'between'], problem);
      return;
    }
    const [a, b] = arr(between).map(str);
    if (a === undefined || b === undefined) return;
    const key = [a, b].sort().join('|');
    const first = linkSeen.get(key);
    if (first !== undefined)
      issue(['links', i, 'between'], `duplicate link "${a}"–"${b}" (also links[${first}]); list each pair once`);
    else linkSeen.set(key, i);
  });
  // Every speaker and router has its own address: it is also its BGP Identifier (RFC 4271 §4.2).
  const addressSeen = new Map<string, string>();
  const ownAddress = (path: Path, given: unknown, fallback: string) => {
    const a = given === undefined ? fallback : str(given);
    if (a === undefined) return;
    const first = addressSeen.get(a);
    if (first === undefined) addressSeen.set(a, formatRef(path));
    else {
      const how = given === undefined ? ` (its default; give it an address)` : '';
      issue([...path, 'address'], `"${a}"${how} is also the address of ${first}; each node and router needs its own`);
    }
  };
  arr(root.routers).forEach((r, i) => {
    ownAddress(['routers', i], obj(r).address, defaultRouterAddress(i));
  });
  arr(root.nodes).forEach((n, i) => {
    ownAddress(['nodes', i], obj(n).address, defaultNodeAddress(i));
  });
  const prefixSeen = new Map<string, number>();
  arr(root.services).forEach((sv, i) => {
    const p = str(obj(sv).prefix);
    if (p === undefined) return;
    const first = prefixSeen.get(p);
    if (first !== undefined)
      issue(['services', i, 'prefix'], `"${p}" is also the prefix of services[${first}]; each service has its own`);
    else prefixSeen.set(p, i);
  });
  arr(root.nodes).forEach((n, i) => {
    arr(obj(n).services).forEach((e, j) => {
      mustBe('service', e, ['nodes', i, 'services', j]);
    });
  });
  arr(root.services).forEach((sv, i) => {
    arr(obj(sv).endpoints).forEach((e, j) => {
      mustBe('node', e, ['services', i, 'endpoints', j]);
    });
  });
  const workload = obj(root.workload);
  if (Array.isArray(workload.service))
    workload.service.forEach((sv, i) => {
      mustBe('service', sv, ['workload', 'service', i]);
    });
  else mustBe('service', workload.service, ['workload', 'service']);
  inRun(workload.startAt, ['workload', 'startAt']);
  const ports = arr(workload.ports);
  if (typeof ports[0] === 'number' && typeof ports[1] === 'number' && ports[0] > ports[1]) {
    issue(['workload', 'ports'], `range ${ports[0]}..${ports[1]} is empty`);
  }
  arr(root.faults).forEach((raw, i) => {
    const f = obj(raw);
    const p: Path = ['faults', i];
    mustBe('node', f.node, [...p, 'node']);
    mustBe('router', f.router, [...p, 'router']);
    mustBe('service', f.service, [...p, 'service']);
    mustBe('node or router', f.from, [...p, 'from']);
    mustBe('node or router', f.to, [...p, 'to']);
    arr(f.between).forEach((e, j) => {
      mustBe('node or router', e, [...p, 'between', j]);
    });
    const linkProblem = f.between === undefined ? undefined : pairProblem(f.between);
    if (linkProblem) issue([...p, 'between'], linkProblem);
    // A NOTIFICATION travels on a session: between a node's speaker and a router (either way).
    const from = str(f.from);
    const to = str(f.to);
    const known = (n: string | undefined) => n !== undefined && (nodes.has(n) || routers.has(n));
    if (from !== undefined && to !== undefined && known(from) && known(to) && nodes.has(from) === nodes.has(to)) {
      issue([...p, 'to'], `"${from}" and "${to}" have no session; a NOTIFICATION goes between a node and a router`);
    }
    inRun(f.at, [...p, 'at']);
  });
  arr(root.expect).forEach((raw, i) => {
    const e = obj(raw);
    mustBe('router', e.router, ['expect', i, 'router']);
    mustBe('service', e.service, ['expect', i, 'service']);
    mustBe('node', e.node, ['expect', i, 'node']);
    inRun(e.at, ['expect', i, 'at']);
  });
  // A cold start boots everything at t = 0: an uptime would claim a history the run does not have.
  if (root.start === 'cold') {
    const uptimes: [Path, unknown][] = [
      [['uptime'], root.uptime],
      ...arr(root.nodes).map((n, i): [Path, unknown] => [['nodes', i, 'uptime'], obj(n).uptime]),
      ...arr(root.routers).map((r, i): [Path, unknown] => [['routers', i, 'uptime'], obj(r).uptime]),
    ];
    for (const [path, v] of uptimes) {
      if (v !== undefined)
        issue(path, `${JSON.stringify(v)}: an uptime needs start "steady" (start "cold" boots every process at t = 0)`);
    }
  }
  const sides: [Path, unknown][] = [
    [['speaker'], root.speaker],
    ...arr(root.nodes).map((n, i): [Path, unknown] => [['nodes', i, 'speaker'], obj(n).speaker]),
    ...arr(root.routers).map((r, i): [Path, unknown] => [['routers', i, 'bgp'], obj(r).bgp]),
    ...arr(root.routers).map((r, i): [Path, unknown] => [['routers', i, 'speaker'], obj(r).speaker]),
  ];
  for (const [path, raw] of sides) {
    const side = obj(raw);
    const hold = parseDuration(side.holdTime);
    const ka = parseDuration(side.keepaliveTime);
    const wait = arr(side.errorWaitTime).map(parseDuration);
    if (wait[0] !== undefined && wait[1] !== undefined && wait[0] > wait[1]) {
      issue([...path, 'errorWaitTime'], `minimum ${wait[0] / s(1)} s exceeds maximum ${wait[1] / s(1)} s`);
    }
    if (hold !== undefined && ka !== undefined && hold > 0 && ka >= hold) {
      issue([...path, 'keepaliveTime'], `${ka / s(1)} must be less than the hold time ${hold / s(1)} (RFC 4271 §4.4)`);
    }
  }
  return out;
}
