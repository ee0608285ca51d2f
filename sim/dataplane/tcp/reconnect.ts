/**
 * What the client application does after its connection is reset or TCP gives up: reconnect at
 * once, after a delay, or not at all. The default is what typical HTTP clients do (curl's and
 * browsers' retry of an idempotent request, gRPC's and database pools' reconnect): reconnect at
 * once. The new connection is a new socket: the same client address, the next ephemeral port
 * (Linux __inet_hash_connect walks the port range from a per-destination offset in steps of 2),
 * a SYN through whatever forwarding is current.
 */
import type { Duration } from '../../base/time.js';

export type ReconnectPolicy =
  | { readonly mode: 'immediate' }
  | { readonly mode: 'after'; readonly delay: Duration }
  | { readonly mode: 'never' };

export const DEFAULT_RECONNECT: ReconnectPolicy = { mode: 'immediate' };

/** Delay before the reconnect's SYN, or null for none. */
export function reconnectDelay(p: ReconnectPolicy): Duration | null {
  switch (p.mode) {
    case 'immediate':
      return 0 as Duration;
    case 'after':
      return p.delay;
    case 'never':
      return null;
  }
}

/** The reconnect's source port: two further along the ephemeral range, wrapping (see the header). */
export function nextEphemeralPort(port: number, min: number, max: number): number {
  const span = max - min + 1;
  if (span <= 0) return port;
  return min + ((((port - min + 2) % span) + span) % span);
}
