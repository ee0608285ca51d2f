/**
 * The data plane as a machine: `step(plane, input, now) → outputs` and `nextDeadline(plane)`, for a
 * world driver that feeds every subsystem the same way and records outputs in the trace. Inputs
 * and outputs are discriminated unions on `type`; each output is a summary (counts, shares), never
 * one record per connection: per-connection resets go to the plane's `onReset` sink when wanted.
 */
import { assertNever } from '../base/assert.js';
import type { Duration, Time } from '../base/time.js';
import type { DataPlane, ResetCounts } from './data-plane.js';
import type { NextHopMove } from './ecmp/group.js';
import type { FlowKey } from './flow-key.js';
import type { RandomSource } from './random-source.js';
import type { Workload } from './workload.js';

export type DataPlaneInput =
  /** The router's FIB next-hop set for the group's prefix changed. */
  | { readonly type: 'set-next-hops'; readonly group: number; readonly nextHops: readonly string[] }
  /** A node's forwarding plane stopped or resumed forwarding (conntrack kept). */
  | { readonly type: 'node-forwarding'; readonly node: string; readonly up: boolean }
  /** A node crashed: forwarding down, conntrack and sockets lost. */
  | { readonly type: 'node-failure'; readonly node: string }
  | {
      readonly type: 'open';
      readonly group: number;
      readonly key: FlowKey;
      readonly duration: Duration;
      readonly packetsPerSecond: number;
      readonly packetBytes: number;
    }
  /** One arrival of `workload`, drawn from the caller's stream. */
  | { readonly type: 'arrive'; readonly group: number; readonly workload: Workload; readonly rng: RandomSource }
  /** The data plane's own deadline (`nextDeadline`) came due. */
  | { readonly type: 'deadline' };

export type DataPlaneOutput =
  | {
      readonly type: 'next-hops-changed';
      readonly group: number;
      readonly movedFraction: number;
      readonly moves: readonly NextHopMove[];
      readonly movedConnections: number;
    }
  | { readonly type: 'connections-reset'; readonly counts: ResetCounts; readonly reason: ResetReason }
  | { readonly type: 'connection-opened'; readonly group: number; readonly flow: number };

/**
 * What triggered a batch of resets (kebab-case, stable for the trace). A next-hop change resets
 * nothing itself: its moved connections are reset at their next packets, under 'timers' (the
 * plane's own deadlines: next packets of moved connections, retransmissions and give-ups, upkeep).
 */
export type ResetReason = 'next-hop-change' | 'forwarding-change' | 'node-failure' | 'timers';

const anyResets = (c: ResetCounts): boolean => c.rehash + c.blackhole + c.nodeFailure + c.noRoute > 0;

export function step(plane: DataPlane, input: DataPlaneInput, now: Time): DataPlaneOutput[] {
  const out: DataPlaneOutput[] = [];
  const resets = (counts: ResetCounts, reason: ResetReason): void => {
    if (anyResets(counts)) out.push({ type: 'connections-reset', counts, reason });
  };
  // Anything due up to now happens first, at its own time.
  resets(plane.advance(now), 'timers');
  switch (input.type) {
    case 'set-next-hops': {
      const r = plane.setNextHops(input.group, input.nextHops, now);
      if (r.change.movedFraction > 0 || r.moved > 0) {
        out.push({
          type: 'next-hops-changed',
          group: input.group,
          movedFraction: r.change.movedFraction,
          moves: r.change.moves,
          movedConnections: r.moved,
        });
      }
      resets(r.resets, 'next-hop-change');
      break;
    }
    case 'node-forwarding':
      resets(plane.setNodeForwarding(input.node, input.up, now), 'forwarding-change');
      break;
    case 'node-failure':
      resets(plane.failNode(input.node, now), 'node-failure');
      break;
    case 'open': {
      const flow = plane.openConnection(
        input.group,
        input.key,
        input.duration,
        input.packetsPerSecond,
        input.packetBytes,
        now,
      );
      out.push({ type: 'connection-opened', group: input.group, flow });
      break;
    }
    case 'arrive':
      out.push({
        type: 'connection-opened',
        group: input.group,
        flow: plane.arrive(input.group, input.workload, input.rng, now),
      });
      break;
    case 'deadline':
      break;
    default:
      assertNever(input, 'data-plane input');
  }
  return out;
}

/** When the driver must next call `step(plane, { type: 'deadline' }, t)`; NEVER if nothing is pending. */
export function nextDeadline(plane: DataPlane): Time {
  return plane.nextEventTime();
}
