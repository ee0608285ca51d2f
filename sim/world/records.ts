/**
 * The world's trace records: `{ t, type, subject, ...data }`, discriminated on `type`. Subjects
 * name what the record is about: a node or router (`node-2`), one side of a session
 * (`tor-1>node-2` is tor-1's session to node-2), a router's prefix (`tor-1:10.100.0.10/32`).
 * Reasons are the stable kebab-case strings of the machines; `clause` cites the RFC.
 */
import type { Time } from '../base/time.js';

interface Base {
  readonly t: Time;
  readonly subject: string;
}

export type WorldRecord =
  | (Base & { readonly type: 'fault'; readonly fault: string; readonly detail: string })
  | (Base & {
      readonly type: 'bgp-state';
      readonly from: string;
      readonly to: string;
      readonly reason: string;
      readonly clause: string;
      /** A session already up at t = 0 (steady start): the summary of the OPEN its peer sent before then. */
      readonly peerOpen?: string;
    })
  | (Base & {
      readonly type: 'bgp-message';
      readonly dir: 'sent' | 'received';
      readonly message: string;
      readonly detail: string;
      /** The clause defining the message as sent (message-summary.ts): RFC 4724 §3 for a GR OPEN, ... */
      readonly clause: string;
    })
  /**
   * A steady period of one session's KEEPALIVEs (DESIGN.md "steady-state periodic traffic is
   * implied"): `count` sends by `subject`, the first at `first`, then every `period` µs, written
   * when the period ends (`t`). Stands for that many `bgp-message` KEEPALIVE records (keepalive-span.ts).
   */
  | (Base & {
      readonly type: 'bgp-keepalive-span';
      readonly first: Time;
      readonly period: number;
      readonly count: number;
    })
  | (Base & { readonly type: 'bgp-down'; readonly reason: string; readonly gr: boolean; readonly clause: string })
  | (Base & {
      readonly type: 'gr';
      readonly action: string;
      readonly family: string;
      readonly reason: string;
      readonly clause: string;
    })
  | (Base & { readonly type: 'explain'; readonly clause: string; readonly text: string })
  | (Base & {
      readonly type: 'bfd-state';
      readonly from: string;
      readonly to: string;
      readonly diag: string;
      readonly reason: string;
      /** RFC 5880 §6.8.6 (packet received), §6.8.4 (detection expiry), §6.8.16 (admin): sim/bfd/transitions.ts. */
      readonly clause: string;
    })
  | (Base & {
      readonly type: 'bfd-down-decision';
      readonly action: string;
      readonly reason: string;
      readonly clause: string;
    })
  | (Base & {
      readonly type: 'fib';
      readonly prefix: string;
      readonly nextHops: readonly string[];
      readonly states: readonly string[];
    })
  | (Base & {
      readonly type: 'ecmp-change';
      readonly prefix: string;
      readonly movedFraction: number;
      readonly moved: number;
      readonly reset: number;
    })
  | (Base & { readonly type: 'resets'; readonly cause: string; readonly count: number })
  /**
   * The run's traffic totals, recorded last, so the trace hash identifies the data plane's outcome
   * too (two runs with the same protocol events can differ only in their traffic): the totals, and
   * the digest of every connection's outcome (sim/dataplane/traffic-digest.ts), which differs even
   * where the totals agree (another connection reset, packets delivered to another node).
   */
  | (Base & {
      readonly type: 'totals';
      readonly started: number;
      readonly reset: number;
      readonly delivered: number;
      readonly lost: number;
      readonly trafficDigest: string;
    })
  /** Updates and withdrawals a router just sent its upstream peers (route churn). */
  | (Base & { readonly type: 'churn'; readonly updates: number; readonly withdrawals: number })
  | (Base & {
      readonly type: 'process';
      readonly state: 'up' | 'down';
      readonly what: 'speaker' | 'bgpd' | 'kernel' | 'link';
    });

export type WorldRecordType = WorldRecord['type'];
