/**
 * Faults as inputs at a time (issue 6): what each one does to processes, kernels, links and
 * sessions. The world resumes any implied BFD pair before calling this, so every fault sees the
 * state the per-packet simulation would have.
 */
import { assertNever, invariant } from '../base/assert.js';
import type { Duration, Time } from '../base/time.js';
import { linkKey } from './link-key.js';
import type { DistributionSpec, FaultSpec } from './spec.js';
import type { World } from './world.js';

export function applyFault(w: World, f: FaultSpec, now: Time): void {
  w.record({ t: now, type: 'fault', subject: faultSubject(f), fault: f.type, detail: describeFault(f) });
  switch (f.type) {
    case 'speaker-restart': {
      const n = w.nodes.get(f.node)!;
      w.stopSpeaker(n);
      const down = draw(w, f.downtime, `fault/${f.index}/downtime`);
      w.later(down, () => w.startSpeaker(n, true));
      return;
    }
    case 'speaker-stop':
      w.stopSpeaker(w.nodes.get(f.node)!);
      return;
    case 'speaker-start':
      w.startSpeaker(w.nodes.get(f.node)!, true);
      return;
    case 'node-crash':
      w.crashNode(w.nodes.get(f.node)!);
      return;
    case 'node-recover':
      w.recoverNode(w.nodes.get(f.node)!);
      return;
    case 'node-drain': {
      const n = w.nodes.get(f.node)!;
      if (f.mode === 'withdraw') {
        const before = w.advertised(n);
        for (const sv of w.spec.services) n.withdrawn.add(sv.name);
        w.reconcile(n, before);
      } else if (f.mode === 'shutdown') {
        // Cease/Administrative Shutdown (RFC 4486): a NOTIFICATION, so no GR unless N was exchanged.
        for (const ep of n.process.ends.values()) ep.input({ type: 'manual-stop' });
      } else {
        // Drain and reboot (C36): SIGTERM to FRR, then the kernel goes; it comes back after `downtime`.
        w.stopSpeaker(n);
        w.crashNode(n);
        if (f.downtime !== undefined) w.later(f.downtime, () => w.recoverNode(n));
      }
      return;
    }
    case 'router-restart':
      w.restartRouter(w.routers.get(f.router)!, draw(w, f.downtime, `fault/${f.index}/downtime`));
      return;
    case 'link-down':
    case 'link-up': {
      const l = w.links.get(linkKey(f.between[0], f.between[1]));
      invariant(l, `link ${f.between.join('|')} missing`);
      l.up = f.type === 'link-up';
      w.record({
        t: now,
        type: 'process',
        subject: f.between.join('|'),
        state: l.up ? 'up' : 'down',
        what: 'link',
      });
      w.traffic.setLinkUp(f.between[0], f.between[1], l.up, now);
      return;
    }
    case 'bfd-down': {
      // The node's bfdd for this router dies (C24 stimulus B); BGP itself is untouched.
      const pair = w.pairs.find((p) => p.spec.node === f.node && p.spec.router === f.router);
      pair?.speakerBfd?.stop();
      return;
    }
    case 'peer-reset':
      w.routers.get(f.router)?.process.endpoint(f.node).input({ type: 'admin-reset' });
      return;
    case 'notification': {
      const pair = w.pairs.find(
        (p) => (p.spec.node === f.from && p.spec.router === f.to) || (p.spec.node === f.to && p.spec.router === f.from),
      );
      if (!pair) return;
      const ep = pair.speaker.owner === f.from ? pair.speaker : pair.router;
      ep.input({ type: 'send-notification', code: f.code, subcode: f.subcode, hardReset: f.hardReset });
      return;
    }
    case 'policy-change': {
      const n = w.nodes.get(f.node)!;
      const before = w.advertised(n);
      for (const name of f.withdraw) n.withdrawn.add(name);
      for (const name of f.advertise) n.withdrawn.delete(name);
      if (n.process.running) w.reconcile(n, before);
      return;
    }
    case 'endpoint-change': {
      const before = new Map([...w.nodes.values()].map((n) => [n, w.advertised(n)]));
      w.traffic.setEndpoints(f.service, f.endpoints, now);
      for (const [n, b] of before) if (n.process.running) w.reconcile(n, b);
      return;
    }
    default:
      assertNever(f, 'fault');
  }
}

/** A downtime: fixed, or drawn from its own named stream (so other draws do not shift it). */
function draw(w: World, d: Duration | DistributionSpec, stream: string): Duration {
  if (typeof d === 'number') return d;
  const rng = w.sim.rng.stream(stream);
  const v =
    d.type === 'fixed'
      ? d.value
      : d.type === 'exponential'
        ? rng.exponential(d.mean)
        : d.type === 'uniform'
          ? rng.uniform(d.min, d.max)
          : d.median * Math.exp(rng.normal(0, d.sigma));
  return Math.max(0, Math.round(v)) as Duration;
}

function faultSubject(f: FaultSpec): string {
  switch (f.type) {
    case 'link-down':
    case 'link-up':
      return f.between.join('|');
    case 'notification':
      return f.from;
    case 'endpoint-change':
      return f.service;
    case 'router-restart':
      return f.router;
    default:
      return f.node;
  }
}

function describeFault(f: FaultSpec): string {
  const dur = (d: Duration | DistributionSpec) => (typeof d === 'number' ? `${d / 1e6} s` : `a ${d.type} draw`);
  switch (f.type) {
    case 'speaker-restart':
      return `speaker pod on ${f.node} killed; back after ${dur(f.downtime)}`;
    case 'router-restart':
      return `bgpd on ${f.router} restarts; back after ${dur(f.downtime)}`;
    case 'notification':
      return `${f.from} sends NOTIFICATION ${f.code}/${f.subcode}${f.hardReset ? ' as Hard Reset' : ''} to ${f.to}`;
    case 'node-crash':
      return `${f.node} loses power: no FIN, no NOTIFICATION`;
    case 'node-drain':
      return `${f.node} drained (${f.mode})`;
    case 'policy-change':
      return `${f.node} stops advertising [${f.withdraw.join(', ')}], starts [${f.advertise.join(', ')}]`;
    default:
      return f.type;
  }
}
