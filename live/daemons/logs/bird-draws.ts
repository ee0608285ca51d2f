/**
 * BIRD 2.0.12's randomised actions from its own log, for the calibration to replay them
 * (sim/bgp/session/logged-draws.ts). BIRD jitters these with `random()`, seeded from the clock
 * (proto/bgp/bgp.c bgp_start_timer: 0.75–1 × the configured time):
 *  - KEEPALIVE sends (`debug packets`: `Sending KEEPALIVE`, packets.c bgp_fire_tx, which restarts the
 *    keepalive timer). The first KEEPALIVE of a session answers the OPEN and is not drawn; it is
 *    listed too (the replay's phase rule never takes the one its timer starts at);
 *  - connect attempts (`Connecting to ADDRESS from local address …`, bgp.c bgp_connect, when the
 *    connect timer armed by bgp_active fires);
 *  - hold expiries (`Error: Hold timer expired`, bgp.c bgp_hold_timeout → bgp_error);
 *  - the peer's KEEPALIVEs as BIRD read them (`Got KEEPALIVE`, packets.c bgp_rx_packet): the node's
 *    speaker jitters its own (RFC 4271 §10), and each one wakes BIRD's main loop.
 * Times are epoch ms (the log's local time stamps), per protocol, ascending.
 */

const STAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) <\w+> ([^:]+): (.*)$/;

export interface DaemonDraws {
  readonly keepalive: number[];
  readonly connect: number[];
  readonly hold: number[];
  /** The peer's KEEPALIVEs received (its draws, as the daemon heard them). */
  readonly heard: number[];
}

export const noDraws = (): DaemonDraws => ({ keepalive: [], connect: [], hold: [], heard: [] });

export function birdDraws(text: string, protocol: string): DaemonDraws {
  const out = noDraws();
  for (const raw of text.split('\n')) {
    const m = STAMP.exec(raw);
    if (!m || m[8] !== protocol) continue;
    const msg = m[9]!;
    const kind = msg.startsWith('Sending KEEPALIVE')
      ? 'keepalive'
      : msg.startsWith('Connecting to ')
        ? 'connect'
        : /^(Error: )?Hold timer expired/.test(msg)
          ? 'hold'
          : msg.startsWith('Got KEEPALIVE')
            ? 'heard'
            : null;
    if (kind === null) continue;
    out[kind].push(new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!).getTime());
  }
  return out;
}
