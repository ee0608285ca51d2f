/**
 * Log readers: the events a timer-driven route change is compared against, with millisecond wall
 * times (ms since the epoch). FRR `log timestamp precision 3` and BIRD `timeformat log "%F %T.%3f"`
 * print local time; GoBGP 3.10's JSON "time" has whole seconds only, so its lines are stamped with an
 * ISO ms time on arrival (daemon.ts).
 */
export type DaemonEvent =
  | 'gr-started'
  | 'restart-timer-expired'
  | 'llgr-entered'
  | 'llgr-expired'
  | 'stale-removed'
  | 'eor-received'
  | 'session-up'
  | 'session-down'
  | 'update-received';

export interface LogEvent {
  readonly t: number;
  readonly event: DaemonEvent;
  readonly line: string;
}

const localMs = (y: string, mo: string, d: string, h: string, mi: string, s: string, ms: string) =>
  new Date(+y, +mo - 1, +d, +h, +mi, +s, +ms).getTime();

function read(
  text: string,
  stamp: RegExp,
  toMs: (m: RegExpExecArray) => number,
  rules: readonly [RegExp, DaemonEvent][],
): LogEvent[] {
  const out: LogEvent[] = [];
  for (const line of text.split('\n')) {
    const m = stamp.exec(line);
    if (!m) continue;
    for (const [re, event] of rules) {
      if (re.test(line)) {
        out.push({ t: toMs(m), event, line });
        break;
      }
    }
  }
  return out;
}

/** FRR 8.4.4 bgpd with `debug bgp graceful-restart` and `debug bgp neighbor-events`. */
export function readFrrLog(text: string): LogEvent[] {
  return read(
    text,
    /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) /,
    (m) => localMs(m[1], m[2], m[3], m[4], m[5], m[6], m[7]),
    [
      [/graceful restart timer started/, 'gr-started'],
      [/graceful restart timer expired/, 'restart-timer-expired'],
      [/Long-lived stale timer \(.*\) started/, 'llgr-entered'],
      [/Long-lived stale timer \(.*\) expired|Long-lived stale timer .*expire/, 'llgr-expired'],
      [/rcvd End-of-RIB/, 'eor-received'],
      [/stale routes? .*(removed|cleared)|graceful restart stalepath timer expired/, 'stale-removed'],
      [/ADJCHANGE.* Up/, 'session-up'],
      [/ADJCHANGE.* Down/, 'session-down'],
      // `debug bgp neighbor-events`: the FSM leaving Established is the session going down.
      [/\[FSM\].*\(Established->/, 'session-down'],
      [/\[FSM\].*->Established\)/, 'session-up'],
      // `debug bgp updates in`: a path received (not a withdrawal).
      [/ rcvd \d+\.\d+\.\d+\.\d+\/\d+(?!.*withdrawn)/, 'update-received'],
    ],
  );
}

/** BIRD 2.0.12 with `debug { states, events }` on the protocol. */
export function readBirdLog(text: string, protocol?: string): LogEvent[] {
  const lines = protocol
    ? text
        .split('\n')
        .filter((l) => l.includes(` ${protocol}: `))
        .join('\n')
    : text;
  return read(
    lines,
    /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) /,
    (m) => localMs(m[1], m[2], m[3], m[4], m[5], m[6], m[7]),
    [
      [/Neighbor graceful restart detected/, 'gr-started'],
      [/Neighbor graceful restart timeout/, 'restart-timer-expired'],
      [/Long-lived stale timeout/, 'llgr-expired'],
      [/Neighbor graceful restart done/, 'stale-removed'],
      [/State changed to up/, 'session-up'],
      [/State changed to (start|stop|down)/, 'session-down'],
    ],
  );
}

/** GoBGP 3.10 JSON log (`-l debug`), each line prefixed with the ISO ms time it arrived. */
export function readGobgpLog(text: string): LogEvent[] {
  return read(text, /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) /, (m) => Date.parse(m[1]), [
    [/"msg":"peer graceful restart"/, 'gr-started'],
    [/"msg":"graceful restart timer expired"/, 'restart-timer-expired'],
    [/"msg":"LLGR restart timer expired"/, 'llgr-expired'],
    [/"msg":"LLGR restart timer started"/, 'llgr-entered'],
    [/"msg":"EOR received"/, 'eor-received'],
    [/"msg":"Peer Up"/, 'session-up'],
    [/"msg":"Peer Down"/, 'session-down'],
  ]);
}
