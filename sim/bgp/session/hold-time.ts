/**
 * Hold time negotiation (RFC 4271 §4.2): the smaller of the two proposals; 0 disables the hold and
 * keepalive timers; 1 and 2 are unacceptable. Keepalive = one third of the negotiated hold time,
 * or the configured interval when smaller, and never below one second (RFC 4271 §10).
 */
export function negotiateHoldTime(local: number, remote: number): number {
  return Math.min(local, remote);
}

/** RFC 4271 §6.2: a Hold Time of 1 or 2 seconds in an OPEN MUST be rejected. */
export function isAcceptableHoldTime(h: number): boolean {
  return h === 0 || h >= 3;
}

export function keepaliveInterval(negotiatedHold: number, configuredKeepalive: number): number {
  if (negotiatedHold === 0) return 0;
  const third = Math.floor(negotiatedHold / 3);
  const ka = configuredKeepalive > 0 ? Math.min(configuredKeepalive, third) : third;
  return Math.max(1, ka);
}
