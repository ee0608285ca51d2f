/**
 * What a driver does with a BGP process's outputs whatever carries its bytes: the trace records
 * of a session's outputs and of the speaker's selection-deferral milestones (RFC 4724 §4.1), and
 * the wire options of a send. Shared by the simulated pipe (session-pairs.ts, speaker-outputs.ts)
 * and the real-socket transport (live/), so a live trace reads exactly as a simulated one.
 */
import type { Time } from '../base/time.js';
import { familyOf } from '../bgp/rib/index.js';
import type { SessionOutput, SessionState } from '../bgp/session/index.js';
import type { SpeakerOutput } from '../bgp/speaker/index.js';
import { findCapability, type Message } from '../bgp/wire/index.js';
import { summaryOf } from './message-summary.js';
import type { WorldRecord } from './records.js';

/** A BGP message sent or received by the session `subject` (`tor-1>node-2`). */
export function messageRecord(t: Time, subject: string, dir: 'sent' | 'received', m: Message): WorldRecord {
  const d = summaryOf(m);
  return { t, type: 'bgp-message', subject, dir, message: d.kind, detail: d.detail, clause: d.clause };
}

/**
 * The trace record of one session output, or null for outputs the transport acts on (send,
 * connect, close) or that leave no record (established, End-of-RIB received).
 */
export function sessionOutputRecord(t: Time, subject: string, out: SessionOutput): WorldRecord | null {
  switch (out.type) {
    case 'state-change':
      return { t, type: 'bgp-state', subject, from: out.from, to: out.to, reason: out.reason, clause: out.clause };
    case 'session-down':
      return { t, type: 'bgp-down', subject, reason: out.reason, gr: out.gr, clause: out.clause };
    case 'update-received':
      return messageRecord(t, subject, 'received', out.update);
    case 'explain':
      return { t, type: 'explain', subject, clause: out.clause, text: out.text };
    case 'routes-stale':
    case 'routes-sweep-stale':
    case 'routes-delete':
    case 'routes-llgr-stale':
      return {
        t,
        type: 'gr',
        subject,
        action: out.type,
        family: familyName(out.afiSafi),
        reason: out.reason,
        clause: out.clause,
      };
    case 'gr-phase':
      return {
        t,
        type: 'gr',
        subject,
        action: `gr-phase:${out.from}→${out.to}`,
        family: familyName(out.afiSafi),
        reason: out.reason,
        clause: out.clause,
      };
    default:
      return null;
  }
}

/** The trace records of the speaker's selection-deferral milestones (RFC 4724 §4.1); none for other outputs. */
export function speakerOutputRecords(t: Time, owner: string, out: SpeakerOutput): WorldRecord[] {
  if (out.type === 'selection-deferred')
    return [
      {
        t,
        type: 'gr',
        subject: owner,
        action: 'selection-deferred',
        family: out.family,
        reason: `until ${out.until / 1e6} s`,
        clause: out.clause,
      },
    ];
  if (out.type === 'selection-complete')
    return [
      {
        t,
        type: 'gr',
        subject: owner,
        action: 'selection-complete',
        family: out.family,
        reason: out.reason,
        clause: out.clause,
      },
      { t, type: 'explain', subject: owner, clause: out.clause, text: out.text },
    ];
  return [];
}

/**
 * RFC 6793: 4-octet AS_PATH only when both OPENs carried the capability (before both: 4-octet).
 * Asked per message sent through the endpoint, which remembers the answer while the OPENs stay.
 */
export function sendsFourOctetAs(st: SessionState | null): boolean {
  return (
    !st?.sentOpen ||
    !st.receivedOpen ||
    (findCapability(st.sentOpen.capabilities, 'four-octet-as') !== undefined &&
      findCapability(st.receivedOpen.capabilities, 'four-octet-as') !== undefined)
  );
}

/** The family's name as the trace gives it (`ipv4-unicast`), or `afi/safi` for one the RIB does not carry. */
export function familyName(a: { afi: number; safi: number }): string {
  return familyOf(a.afi, a.safi) ?? `${a.afi}/${a.safi}`;
}
