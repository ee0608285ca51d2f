/**
 * The daemon's RIB read through its own CLI without blocking the event loop (the live speakers run
 * in the same process): per node, per prefix, the state of the path the router holds from that node
 * (live/daemons/rib/parse.ts). Runs inside the namespace, so the CLIs are called directly.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIRD_SOCKET, birdProtocolName } from '../daemons/config/bird.js';
import { GOBGP_API_PORT } from '../daemons/daemon.js';
import type { DaemonName } from '../daemons/preflight.js';
import { parseBirdRib, parseFrrRib, parseGobgpRib, type RibSample } from '../daemons/rib/parse.js';

const run = promisify(execFile);

async function cli(daemon: DaemonName, dir: string, command: string): Promise<string> {
  const opts = { encoding: 'utf8' as const, timeout: 5_000, maxBuffer: 16 << 20 };
  if (daemon === 'frr') return (await run('vtysh', ['--vty_socket', dir, '-c', command], opts)).stdout;
  if (daemon === 'bird')
    return (await run('birdc', ['-s', join(dir, BIRD_SOCKET), ...command.split(' ')], opts)).stdout;
  return (await run('gobgp', ['-p', String(GOBGP_API_PORT), ...command.split(' ')], opts)).stdout;
}

/** One reading of the RIB: node address → its paths' states. */
export async function sampleRib(
  daemon: DaemonName,
  dir: string,
  nodes: readonly string[],
): Promise<Map<string, RibSample>> {
  const out = new Map<string, RibSample>();
  if (daemon === 'frr') {
    const [all, llgr] = await Promise.all([
      cli(daemon, dir, 'show bgp ipv4 unicast json'),
      cli(daemon, dir, 'show bgp ipv4 unicast community llgr-stale json'),
    ]);
    for (const n of nodes) out.set(n, parseFrrRib(all, llgr, n));
  } else if (daemon === 'bird') {
    const [routes, ...protos] = await Promise.all([
      cli(daemon, dir, 'show route all'),
      ...nodes.map((n) => cli(daemon, dir, `show protocols all ${birdProtocolName(n)}`)),
    ]);
    nodes.forEach((n, i) => {
      out.set(n, parseBirdRib(routes, protos[i] ?? '', birdProtocolName(n)));
    });
  } else {
    const rib = await cli(daemon, dir, 'global rib -j');
    for (const n of nodes) out.set(n, parseGobgpRib(rib, n));
  }
  return out;
}
