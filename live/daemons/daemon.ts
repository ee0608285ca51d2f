/**
 * One real daemon in a namespace: written config, started in the foreground with its own control
 * socket, pid file and log in the run's directory (never /var/run/frr or /run/bird: a system FRR or
 * BIRD cannot collide), its RIB sampled through its own CLI, stopped with a signal.
 */
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIRD_LOG, BIRD_SOCKET, birdConfig } from './config/bird.js';
import { FRR_LOG, frrConfig } from './config/frr.js';
import { GOBGP_LOG, gobgpConfig } from './config/gobgp.js';
import { type DaemonSession, formatProblem, type GeneratedConfig } from './config/session.js';
import type { Netns } from './netns.js';
import type { DaemonName } from './preflight.js';

/** gobgpd's gRPC API inside the namespace (its own loopback: no collision with a host gobgpd). */
export const GOBGP_API_PORT = 50051;

export class DaemonConfigError extends Error {}

export function generateConfig(daemon: DaemonName, s: DaemonSession): GeneratedConfig {
  return daemon === 'frr' ? frrConfig(s) : daemon === 'bird' ? birdConfig(s) : gobgpConfig(s);
}

export interface StartOptions {
  /** GoBGP -r / BIRD -R: start as a restarting speaker (R bit, F bit). */
  readonly restarting?: boolean;
}

export class RunningDaemon {
  private child: ChildProcess | null = null;

  constructor(
    readonly daemon: DaemonName,
    readonly ns: Netns,
    readonly session: DaemonSession,
  ) {}

  get logFile(): string {
    const name = this.daemon === 'frr' ? FRR_LOG : this.daemon === 'bird' ? BIRD_LOG : GOBGP_LOG;
    return join(this.session.dir, name);
  }

  /** Writes the config and starts the daemon; throws DaemonConfigError listing every refused knob. */
  start(opts: StartOptions = {}): void {
    const g = generateConfig(this.daemon, this.session);
    if (!g.ok) throw new DaemonConfigError(g.problems.map(formatProblem).join('\n'));
    writeFileSync(g.file, g.text);
    const dir = this.session.dir;
    if (this.daemon === 'frr') {
      // -Z: no zebra; -P 0: no TCP vty; -S: no user/group switch (no frr/frrvty user needed), files in our directory; -l: listen on the router's address.
      const out = openSync(join(dir, 'bgpd.out'), 'a');
      this.child = this.ns.spawn(
        '/usr/lib/frr/bgpd',
        [
          '-Z',
          '-f',
          g.file,
          '-i',
          join(dir, 'bgpd.pid'),
          '--vty_socket',
          dir,
          '-S',
          '-P',
          '0',
          '-l',
          this.session.routerAddress,
        ],
        { outFd: out },
      );
      closeSync(out);
    } else if (this.daemon === 'bird') {
      const out = openSync(join(dir, 'bird.out'), 'a');
      const args = ['-c', g.file, '-s', join(dir, BIRD_SOCKET), '-P', join(dir, 'bird.pid'), '-f'];
      if (opts.restarting) args.push('-R');
      this.child = this.ns.spawn('bird', args, { outFd: out });
      closeSync(out);
    } else {
      // GoBGP 3.10 logs JSON (logrus) whose "time" has whole seconds only: each line is stamped
      // with the wall clock in ms as it arrives (`<ISO-ms> <json>`), what live/daemons/logs/gobgp.ts reads.
      const args = [
        '-f',
        g.file,
        '-t',
        'toml',
        '--api-hosts',
        `127.0.0.1:${GOBGP_API_PORT}`,
        '--pprof-disable',
        '-l',
        'debug',
      ];
      if (opts.restarting) args.push('-r');
      this.child = this.ns.spawn('gobgpd', args, { outFd: 'pipe' });
      const log = this.logFile;
      let rest = '';
      this.child.stdout?.on('data', (buf: Buffer) => {
        const stamp = new Date().toISOString();
        const lines = (rest + buf.toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        if (lines.length > 0) appendFileSync(log, lines.map((l) => `${stamp} ${l}\n`).join(''));
      });
      this.child.stderr?.resume();
    }
  }

  /** Waits until the daemon's CLI answers (or throws after `timeoutMs`). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < end) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new Error(`${this.daemon} exited with code ${this.child.exitCode}: ${this.tail()}`);
      }
      try {
        this.cli(this.daemon === 'frr' ? 'show bgp summary' : this.daemon === 'bird' ? 'show status' : 'global');
        return;
      } catch (e) {
        last = (e as Error).message;
      }
      await sleep(200);
    }
    throw new Error(`${this.daemon} CLI did not answer within ${timeoutMs} ms: ${last}; ${this.tail()}`);
  }

  /** One CLI command through the daemon's own socket / API port. */
  cli(command: string): string {
    const dir = this.session.dir;
    if (this.daemon === 'frr') return this.ns.exec('vtysh', ['--vty_socket', dir, '-c', command]);
    if (this.daemon === 'bird') return this.ns.exec('birdc', ['-s', join(dir, BIRD_SOCKET), ...command.split(' ')]);
    return this.ns.exec('gobgp', ['-p', String(GOBGP_API_PORT), ...command.split(' ')]);
  }

  /** The RIB as the sampler reads it: FRR JSON, BIRD `show route all`, GoBGP JSON. */
  ribText(): string {
    if (this.daemon === 'frr') return this.cli('show bgp ipv4 unicast json');
    if (this.daemon === 'bird') return this.cli('show route all');
    return this.cli('global rib -j');
  }

  log(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
  }

  private tail(): string {
    const f = join(
      this.session.dir,
      this.daemon === 'frr' ? 'bgpd.out' : this.daemon === 'bird' ? 'bird.out' : GOBGP_LOG,
    );
    return existsSync(f) ? readFileSync(f, 'utf8').split('\n').slice(-5).join(' | ') : '';
  }

  /** SIGTERM (graceful stop) or SIGKILL (crash: TCP closed by the kernel, no NOTIFICATION). */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', timeoutMs = 5_000): Promise<void> {
    const c = this.child;
    if (!c) return;
    // 'close', not 'exit': GoBGP's stdout (its log) may still hold lines after the process exits, and
    // the caller removes the directory the log handler appends to once stop() returns.
    const exited = new Promise<void>((res) => c.once('close', () => res()));
    if (c.exitCode !== null || c.signalCode !== null) {
      if (c.stdout && !c.stdout.closed) await exited;
      return;
    }
    c.kill(signal);
    const timer = sleep(timeoutMs).then(() => {
      c.kill('SIGKILL');
    });
    await Promise.race([exited, timer]);
    await exited;
    this.child = null;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
