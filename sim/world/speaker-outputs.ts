/**
 * Where a BGP process's outputs go: a session's to its session pair, FIB decisions of a router's
 * bgpd to FIB programming, the selection-deferral milestones (RFC 4724 §4.1) to the trace.
 */
import { assertNever } from '../base/assert.js';
import type { SpeakerOutput } from '../bgp/speaker/index.js';
import type { BgpProcess } from './bgp-endpoint.js';
import type { WorldContext } from './context.js';
import type { FibProgramming } from './fib-programming.js';
import { speakerOutputRecords } from './session-io.js';
import type { SessionPairs } from './session-pairs.js';
import { noteUpstreamChurn } from './upstream-churn.js';

export function dispatchSpeakerOutput(
  ctx: WorldContext,
  pairs: SessionPairs,
  fib: FibProgramming,
  p: BgpProcess,
  out: SpeakerOutput,
): void {
  const now = ctx.now();
  switch (out.type) {
    case 'peer':
      pairs.onOutput(p.endpoint(out.peer), out.output);
      break;
    case 'fib':
      if (p.role === 'router') fib.decide(p.owner, out.change.prefix, out.change.nextHops);
      break;
    case 'fib-sync':
      if (p.role === 'router') fib.sync(p.owner, out.family, out.entries);
      break;
    case 'selection-deferred':
    case 'selection-complete':
      for (const r of speakerOutputRecords(now, p.owner, out)) ctx.record(r);
      break;
    default:
      assertNever(out, 'output');
  }
  // The Adj-RIB-Out counters change only inside a speaker step, so the churn of a step is all
  // there after its first output: noted once per step, its record where it always fell.
  if (p.role === 'router' && p.firstOutputOfStep) noteUpstreamChurn(ctx, ctx.routers.get(p.owner)!);
}
