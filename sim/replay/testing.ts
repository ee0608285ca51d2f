/** Hand-built trace fragments for the replay tests: a GR helper episode on tor-1's session to node-2. */
import type { Time } from '../base/time.js';
import type { WorldRecord } from '../world/records.js';

const t = (sec: number) => Math.round(sec * 1e6) as Time;
const P = '10.100.0.10/32';

export function grEpisode(options: { llgr?: boolean } = {}): WorldRecord[] {
  const out: WorldRecord[] = [
    {
      t: t(0),
      type: 'bgp-state',
      subject: 'tor-1>node-2',
      from: 'Idle',
      to: 'Connect',
      reason: 'manual-start',
      clause: 'RFC 4271 §8.2.2',
    },
    {
      t: t(0.0003),
      type: 'bgp-message',
      subject: 'tor-1>node-2',
      dir: 'sent',
      message: 'OPEN',
      detail: 'AS 64512 hold 180s GR R=1 N=1 time=120s helper-only',
      clause: 'RFC 4724 §3; RFC 8538 §2',
    },
    {
      t: t(0.0004),
      type: 'bgp-state',
      subject: 'tor-1>node-2',
      from: 'Connect',
      to: 'Established',
      reason: 'keepalive-received',
      clause: 'RFC 4271 §8.2.2',
    },
    {
      t: t(0.0007),
      type: 'bgp-message',
      subject: 'tor-1>node-1',
      dir: 'received',
      message: 'UPDATE',
      detail: `announce ${P}`,
      clause: 'RFC 4271 §4.3',
    },
    {
      t: t(0.0007),
      type: 'bgp-message',
      subject: 'tor-1>node-2',
      dir: 'received',
      message: 'UPDATE',
      detail: `announce ${P}`,
      clause: 'RFC 4271 §4.3',
    },
    {
      t: t(0.0007),
      type: 'fib',
      subject: 'tor-1',
      prefix: P,
      nextHops: ['node-1', 'node-2'],
      states: ['fresh', 'fresh'],
    },
    { t: t(60), type: 'fault', subject: 'node-2', fault: 'speaker-restart', detail: 'killed' },
    {
      t: t(60.0001),
      type: 'bgp-down',
      subject: 'tor-1>node-2',
      reason: 'tcp-closed',
      gr: true,
      clause: 'RFC 4724 §4.2',
    },
    {
      t: t(60.0001),
      type: 'bgp-state',
      subject: 'tor-1>node-2',
      from: 'Established',
      to: 'Idle',
      reason: 'tcp-closed',
      clause: 'RFC 4271 §8.2.2',
    },
    {
      t: t(60.0001),
      type: 'gr',
      subject: 'tor-1>node-2',
      action: 'routes-stale',
      family: 'ipv4-unicast',
      reason: 'tcp-closed',
      clause: 'RFC 4724 §4.2',
    },
    {
      t: t(60.0001),
      type: 'gr',
      subject: 'tor-1>node-2',
      action: 'gr-phase',
      family: 'ipv4-unicast',
      reason: 'tcp-closed',
      clause: 'RFC 4724 §4.2',
    },
  ];
  if (options.llgr) {
    out.push(
      {
        t: t(180),
        type: 'gr',
        subject: 'tor-1>node-2',
        action: 'routes-llgr-stale',
        family: 'ipv4-unicast',
        reason: 'restart-timer-expired',
        clause: 'RFC 9494 §4.2',
      },
      {
        t: t(180),
        type: 'gr',
        subject: 'tor-1>node-2',
        action: 'gr-phase',
        family: 'ipv4-unicast',
        reason: 'restart-timer-expired',
        clause: 'RFC 9494 §4.2',
      },
      {
        t: t(200),
        type: 'gr',
        subject: 'tor-1>node-2',
        action: 'routes-sweep-stale',
        family: 'ipv4-unicast',
        reason: 'llst-expired',
        clause: 'RFC 9494 §4.2',
      },
      {
        t: t(200),
        type: 'gr',
        subject: 'tor-1>node-2',
        action: 'gr-phase',
        family: 'ipv4-unicast',
        reason: 'llst-expired',
        clause: 'RFC 9494 §4.2',
      },
      { t: t(200), type: 'fib', subject: 'tor-1', prefix: P, nextHops: ['node-1'], states: ['fresh'] },
    );
    return out;
  }
  out.push(
    {
      t: t(80.0005),
      type: 'bgp-state',
      subject: 'tor-1>node-2',
      from: 'OpenConfirm',
      to: 'Established',
      reason: 'keepalive-received',
      clause: 'RFC 4271 §8.2.2',
    },
    {
      t: t(80.0005),
      type: 'gr',
      subject: 'tor-1>node-2',
      action: 'gr-phase',
      family: 'ipv4-unicast',
      reason: 'session-established',
      clause: 'RFC 4724 §4.2',
    },
    {
      t: t(80.0006),
      type: 'bgp-message',
      subject: 'tor-1>node-2',
      dir: 'received',
      message: 'UPDATE',
      detail: `announce ${P}`,
      clause: 'RFC 4271 §4.3',
    },
    {
      t: t(80.0007),
      type: 'bgp-message',
      subject: 'tor-1>node-2',
      dir: 'received',
      message: 'End-of-RIB',
      detail: 'AFI 1 SAFI 1',
      clause: 'RFC 4724 §2',
    },
    {
      t: t(80.0007),
      type: 'gr',
      subject: 'tor-1>node-2',
      action: 'routes-sweep-stale',
      family: 'ipv4-unicast',
      reason: 'end-of-rib',
      clause: 'RFC 4724 §4.2',
    },
    {
      t: t(80.0007),
      type: 'gr',
      subject: 'tor-1>node-2',
      action: 'gr-phase',
      family: 'ipv4-unicast',
      reason: 'end-of-rib',
      clause: 'RFC 4724 §4.2',
    },
  );
  return out;
}

export const seconds = t;
