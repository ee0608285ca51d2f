/** The installed daemon's version, read from its binary (`bgpd --version`, `bird --version`, `gobgpd --version`). */
import { spawnSync } from 'node:child_process';
import type { DaemonName } from '../daemons/preflight.js';

const COMMAND: Readonly<Record<DaemonName, readonly [string, RegExp]>> = {
  frr: ['/usr/lib/frr/bgpd', /version\s+(\S+)/i],
  bird: ['bird', /version\s+(\S+)/i],
  gobgp: ['gobgpd', /version\s+(\S+)/i],
};

const NAME: Readonly<Record<DaemonName, string>> = { frr: 'FRR', bird: 'BIRD', gobgp: 'GoBGP' };

export function daemonVersion(d: DaemonName): string {
  const [bin, re] = COMMAND[d];
  // BIRD prints its version on stderr (and exits 0): read both streams.
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const m = re.exec(text);
  return m ? `${NAME[d]} ${m[1]}` : `${NAME[d]} (unknown version: ${text.trim().split('\n')[0] ?? ''})`;
}
