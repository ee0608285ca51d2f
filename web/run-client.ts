/** The page's side of the worker: one request at a time; a new run supersedes the one in flight. */
import type { RunPayload } from './run-payload.js';
import type { RunRequest, WorkerReply } from './worker-protocol.js';

export type RunOutcome =
  | { readonly ok: true; readonly payload: RunPayload; readonly ms: number }
  | { readonly ok: false; readonly errors: readonly string[] };

export class RunClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending: {
    id: number;
    resolve: (o: RunOutcome) => void;
    onProgress: (phase: string, f: number) => void;
  } | null = null;

  /** Starts the worker now, so its script loads while the page builds itself (the first run waits less). */
  warm(): void {
    this.ensure();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<WorkerReply>) => this.onReply(e.data);
    w.onerror = (e) => this.finish({ ok: false, errors: [`worker failed: ${e.message}`] });
    this.worker = w;
    return w;
  }

  private onReply(m: WorkerReply): void {
    const p = this.pending;
    if (!p || m.id !== p.id) return;
    switch (m.type) {
      case 'progress':
        p.onProgress(m.phase, m.fraction);
        return;
      case 'invalid':
        this.finish({ ok: false, errors: m.errors });
        return;
      case 'error':
        this.finish({ ok: false, errors: [`simulation failed: ${m.message}`] });
        return;
      case 'done':
        this.finish({ ok: true, payload: m.payload, ms: m.ms });
        return;
    }
  }

  private finish(o: RunOutcome): void {
    const p = this.pending;
    this.pending = null;
    p?.resolve(o);
  }

  run(text: string, seed: number | undefined, onProgress: (phase: string, f: number) => void): Promise<RunOutcome> {
    if (this.pending) {
      // A superseded run cannot be interrupted inside runScenario; restart the worker instead.
      this.worker?.terminate();
      this.worker = null;
      this.finish({ ok: false, errors: ['superseded by a newer run'] });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending = { id, resolve, onProgress };
      const req: RunRequest = { type: 'run', id, text, seed };
      this.ensure().postMessage(req);
    });
  }
}
