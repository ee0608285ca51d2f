/**
 * GoBGP 3.10's randomised dials from its JSON log (`-l debug`), for the calibration to replay them
 * (sim/bgp/session/logged-draws.ts): pkg/server/fsm.go connectLoop waits `r.Intn(tick)+tick` seconds
 * (a generator seeded from the clock on every round) and then logs `try to connect` (Debug, Key: the
 * neighbor's address) before it dials. Its KEEPALIVEs are on a fixed ticker (no draw) and its hold
 * timer is not jittered, so the dials are all it draws. Epoch ms, ascending.
 */
import { type DaemonDraws, noDraws } from './bird-draws.js';

const LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (\{.*\})\s*$/;

export function gobgpDraws(text: string, address: string): DaemonDraws {
  const out = noDraws();
  for (const raw of text.split('\n')) {
    const m = LINE.exec(raw);
    if (!m || !m[2]!.includes('"msg":"try to connect"')) continue;
    let key: unknown;
    try {
      key = (JSON.parse(m[2]!) as { Key?: unknown }).Key;
    } catch {
      continue;
    }
    if (key === address) out.connect.push(Date.parse(m[1]!));
  }
  return out;
}
