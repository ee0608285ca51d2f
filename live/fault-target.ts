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
): () => void {
  const timers: ReturnType<typeof setTimeout>[] = [];
  const later = (delayUs: number, fn: () => void) => timers.push(setTimeout(fn, delayUs / 1000));
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
  for (const f of faults) later(f.at, () => applyFault(target, f, ls.clock.now()));
  return () => {
    for (const t of timers) clearTimeout(t);
  };
}
