/** Messages between the page and the simulation worker. */
import type { RunPayload } from './run-payload.js';

export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly text: string;
  readonly seed?: number;
}

export type WorkerReply =
  | { readonly type: 'progress'; readonly id: number; readonly phase: string; readonly fraction: number }
  | { readonly type: 'invalid'; readonly id: number; readonly errors: readonly string[] }
  | { readonly type: 'error'; readonly id: number; readonly message: string }
  | { readonly type: 'done'; readonly id: number; readonly payload: RunPayload; readonly ms: number };
