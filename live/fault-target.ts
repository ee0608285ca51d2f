/**
 * The scenario's fault timeline applied to a live speaker on the wall clock, through the same
 * applyFault as the simulated world (sim/world/faults.ts) and the same downtime draws (the
 * scenario seed's named streams). Faults on the speaker's own node become real actions; faults
 * of the other side (router restart, `clear bgp`, its NOTIFICATION) are the real router's to make:
 * they are reported through `skipped`, never silently dropped.
 */
import { applyFault, type FaultSpec, type FaultTarget, RandomStreams } from '../sim/index.js';
import type { LiveSpeaker } from './live-speaker.js';

export function scheduleFaults(
  ls: LiveSpeaker,
  faults: readonly FaultSpec[],
  seed: number,
  skipped: (what: string) => void,
  /** How long ago the scenario's t = 0 was, µs (a t = 0 set in the past, aligned on a keepalive). */
  sinceZero = 0,
  onApplied?: (dueMs: number, appliedMs: number) => void,
): () => void {
  const timers: ReturnType<typeof setTimeout>[] = [];
  // Each stimulus (a fault, or the restart a fault schedules) reports when it was due and when the
  // loaded wall clock really ran it (epoch ms): what follows answers the late stimulus.
  const later = (delayUs: number, fn: () => void) => {
    const due = Date.now() + delayUs / 1000;
    timers.push(
      setTimeout(() => {
        onApplied?.(due, Date.now());
        fn();
      }, delayUs / 1000),
    );
  };
  const rng = new RandomStreams(seed);
  const mine = (node: string) => node === ls.name;
  const peer = () => ls.process.ends.keys().next().value ?? '';
  const target: FaultTarget = {
    record: (r) => ls.record({ ...r, t: ls.clock.now() }),
    later,
    stream: (name) => rng.stream(name),
    stopSpeaker: (n) => (mine(n) ? ls.stop('fin') : skipped(`stop of ${n}`)),
    startSpeaker: (n, mode) => (mine(n) ? ls.start(mode) : skipped(`start of ${n}`)),
    crashNode: (n) => (mine(n) ? ls.crash() : skipped(`crash of ${n}`)),
    recoverNode: (n) => (mine(n) ? ls.recover() : skipped(`recovery of ${n}`)),
    withdrawAll: (n) => skipped(`withdrawal of every service of ${n}`),
    adminShutdown: (n) => {
      if (!mine(n)) return skipped(`shutdown of ${n}`);
      for (const ep of ls.process.ends.values()) ep.input({ type: 'manual-stop' });
    },
    restartRouter: (r) => skipped(`restart of router ${r} (the real router's)`),
    setLink: (a, b, up) => {
      if (!mine(a) && !mine(b)) return skipped(`link ${a}|${b}`);
      if (up) ls.thaw();
      else ls.freeze();
    },
    stopBfd: (n) => skipped(`BFD stop on ${n} (no BFD on a live run)`),
    resetPeer: (r) => skipped(`clear bgp on ${r} (the real router's)`),
    sendNotification: (from, _to, code, subcode, hardReset) =>
      mine(from) ? ls.notify(peer(), code, subcode, hardReset) : skipped(`NOTIFICATION from ${from}`),
    changePolicy: (n) => skipped(`policy change on ${n}`),
    setEndpoints: (sv) => skipped(`endpoint change of ${sv}`),
  };
  for (const f of faults) later(Math.max(0, f.at - sinceZero), () => applyFault(target, f, ls.clock.now()));
  return () => {
    for (const t of timers) clearTimeout(t);
  };
}
