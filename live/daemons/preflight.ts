/**
 * What a real-daemon run needs from the machine: root (network namespaces), `ip` (iproute2) and
 * the daemon's binaries. Each problem is one sentence naming the missing thing and how to get it.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type DaemonName = 'frr' | 'bird' | 'gobgp';

export const DAEMON_NAMES: readonly DaemonName[] = ['frr', 'bird', 'gobgp'];

/** Binaries per daemon and the Debian package that ships them (dpkg -L frr bird2 gobgpd). */
export const DAEMON_BINARIES: Readonly<
  Record<DaemonName, { readonly package: string; readonly bins: readonly string[] }>
> = {
  frr: { package: 'frr', bins: ['/usr/lib/frr/bgpd', 'vtysh'] },
  bird: { package: 'bird2', bins: ['bird', 'birdc'] },
  gobgp: { package: 'gobgpd', bins: ['gobgpd', 'gobgp'] },
};

/** The absolute path of an executable: as given when absolute, else found on PATH (plus the sbin dirs). */
export function whichBinary(bin: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const executable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (bin.startsWith('/')) return executable(bin) ? bin : null;
  const dirs = [...(env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'].filter(Boolean);
  for (const d of dirs) {
    const p = join(d, bin);
    if (executable(p)) return p;
  }
  return null;
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Problems that stop a network namespace from being made here (empty: none). */
export function netnsProblems(): string[] {
  const problems: string[] = [];
  if (!isRoot()) {
    problems.push(
      `not root (uid ${process.getuid?.() ?? '?'}): creating a network namespace (ip netns add) needs root; run as root, e.g. sudo -E`,
    );
  }
  if (whichBinary('ip') === null) problems.push('`ip` not found on PATH: install iproute2 (apt-get install iproute2)');
  return problems;
}

/** Problems that stop `daemon` from running here: the namespace's, then each missing binary. */
export function daemonProblems(daemon: DaemonName): string[] {
  const { package: pkg, bins } = DAEMON_BINARIES[daemon];
  const missing = bins
    .filter((b) => whichBinary(b) === null)
    .map((b) => `${daemon}: ${b} not found: install ${pkg} (apt-get install ${pkg})`);
  return [...netnsProblems(), ...missing];
}
