/**
 * The simulation worker: the same sim/ code as the CLI, off the page's thread so the page never
 * freezes. It validates again (a worker trusts nothing it is sent), runs, and posts the payload
 * with its typed arrays transferred rather than copied.
 */
import { loadScenarioText, PROFILE_NAMES, type RunOptions, runScenario } from '../sim/index.js';
import { runPayload } from './run-payload.js';
import type { RunRequest, WorkerReply } from './worker-protocol.js';

/** At most one progress message per this many ms, so posting never costs more than simulating. */
const PROGRESS_EVERY_MS = 100;

interface WorkerScope {
  postMessage(m: WorkerReply, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<RunRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const req = e.data;
  if (req?.type !== 'run') return;
  const started = performance.now();
  try {
    scope.postMessage({ type: 'progress', id: req.id, phase: 'validating', fraction: 0 });
    const loaded = loadScenarioText(req.text, 'scenario', { profiles: PROFILE_NAMES });
    if (!loaded.ok) {
      scope.postMessage({ type: 'invalid', id: req.id, errors: loaded.errors });
      return;
    }
    scope.postMessage({ type: 'progress', id: req.id, phase: 'simulating', fraction: 0.05 });
    const duration = loaded.scenario.duration;
    let lastPost = performance.now();
    const options: RunOptions = {
      seed: req.seed,
      keepTrace: true,
      onProgress: (now) => {
        const wall = performance.now();
        if (wall - lastPost < PROGRESS_EVERY_MS) return;
        lastPost = wall;
        const fraction = 0.05 + 0.9 * Math.min(1, now / Math.max(1, duration));
        scope.postMessage({ type: 'progress', id: req.id, phase: 'simulating', fraction });
      },
    };
    const result = runScenario(loaded.scenario, options);
    scope.postMessage({ type: 'progress', id: req.id, phase: 'packing', fraction: 0.95 });
    const payload = runPayload(loaded.scenario, result);
    const s = payload.series;
    scope.postMessage({ type: 'done', id: req.id, payload, ms: performance.now() - started }, [
      s.delivered.buffer,
      s.lost.buffer,
      s.resets.buffer,
      s.opened.buffer,
    ]);
  } catch (err) {
    scope.postMessage({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
  }
};
