/**
 * A `bgp-keepalive-span` record (sim/world/keepalive-pairs.ts: a steady period of one session's
 * KEEPALIVEs, DESIGN.md "steady-state periodic traffic is implied") expanded on demand into the
 * per-message records the explicit mode writes. The record is the one sim/world/session-io.ts
 * `messageRecord` makes of a sent KEEPALIVE (message-summary.ts: no detail, RFC 4271 §4.4);
 * sim/world/keepalive-pairs.test.ts checks the two modes' traces agree once expanded.
 */
import type { Time } from '../base/time.js';
import type { WorldRecord } from '../world/records.js';

type SpanRecord = Extract<WorldRecord, { type: 'bgp-keepalive-span' }>;

/** The KEEPALIVE records a span record stands for, in time order. */
export function keepaliveRecords(r: SpanRecord): WorldRecord[] {
  const out: WorldRecord[] = [];
  for (let k = 0; k < r.count; k++) {
    out.push({
      t: (r.first + k * r.period) as Time,
      type: 'bgp-message',
      subject: r.subject,
      dir: 'sent',
      message: 'KEEPALIVE',
      detail: '',
      clause: 'RFC 4271 §4.4',
    });
  }
  return out;
}

/**
 * The trace with every span expanded into its KEEPALIVE records, each at its own time, with the
 * index of the record each came from (a span's KEEPALIVEs carry the span's). Records keep their
 * order otherwise; a KEEPALIVE goes before any other record of a later time and after those of its
 * own time. `expand` limits the expansion to some subjects (a ladder draws one session); other
 * spans are dropped.
 */
export function expandKeepaliveSpansIndexed(
  records: readonly WorldRecord[],
  expand: (subject: string) => boolean = () => true,
): { r: WorldRecord; i: number }[] {
  const kept: { r: WorldRecord; i: number }[] = [];
  const expanded: { r: WorldRecord; i: number }[] = [];
  records.forEach((r, i) => {
    if (r.type !== 'bgp-keepalive-span') kept.push({ r, i });
    else if (expand(r.subject)) for (const k of keepaliveRecords(r)) expanded.push({ r: k, i });
  });
  if (expanded.length === 0) return kept;
  expanded.sort((a, b) => a.r.t - b.r.t || (a.r.subject < b.r.subject ? -1 : a.r.subject > b.r.subject ? 1 : 0));
  const out: { r: WorldRecord; i: number }[] = [];
  let j = 0;
  for (const x of kept) {
    while (j < expanded.length && expanded[j].r.t < x.r.t) out.push(expanded[j++]);
    out.push(x);
  }
  while (j < expanded.length) out.push(expanded[j++]);
  return out;
}

/** The trace as the per-message mode writes it: every span expanded. */
export function expandKeepaliveSpans(records: readonly WorldRecord[]): WorldRecord[] {
  return expandKeepaliveSpansIndexed(records).map((x) => x.r);
}
