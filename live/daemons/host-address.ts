/**
 * A node's address on lo inside the calibration namespace, taken away while its host is down. A host
 * that lost power answers nothing: no SYN-ACK, no RST, no ACK of the segments the router keeps
 * retransmitting. A listener left on the address would instead complete the router's next dial
 * (GoBGP 3.10 then sends its OPEN, fails in OpenSent and holds Idle 5 s: pkg/server/fsm.go idle()),
 * so "down" deletes the /32 and routes the address into lo: a packet to it comes back in on lo, is
 * not local, and with forwarding off the kernel drops it without an ICMP error (net/ipv4/route.c
 * ip_error: no ICMP when the device does not forward). Only inside a namespace we created (root).
 */
import { execFileSync } from 'node:child_process';

export interface HostAddress {
  /** The host is gone: nothing answers at its address. */
  down(): void;
  /** The host is back: its address is local again. */
  up(): void;
}

function ip(args: readonly string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** `address` (on lo as a /32, as netns.ts configures it) taken away and given back with `ip`. */
export function loopbackHost(address: string): HostAddress {
  let isDown = false;
  return {
    down() {
      if (isDown) return;
      isDown = true;
      ip(['addr', 'del', `${address}/32`, 'dev', 'lo']);
      ip(['route', 'add', `${address}/32`, 'dev', 'lo']);
    },
    up() {
      if (!isDown) return;
      isDown = false;
      ip(['route', 'del', `${address}/32`, 'dev', 'lo']);
      ip(['addr', 'add', `${address}/32`, 'dev', 'lo']);
    },
  };
}
