/**
 * A private network namespace `stalepath-XXXX` on loopback only: created with `ip netns add`, lo
 * brought up, the scenario's addresses added to lo as /32s, and removed again (with every process
 * started in it killed first) when the run ends — on success, on a thrown error, and when the Node
 * process exits or is interrupted.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';

import { randomBytes } from 'node:crypto';
import { netnsProblems } from './preflight.js';

/** nice(1) increment for everything a calibration runs in its namespace (negative: sooner). */
const CALIBRATION_NICENESS = -10;

export class NetnsError extends Error {}

const live = new Set<Netns>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const ns of live) ns.removeSync();
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const ns of live) ns.removeSync();
      process.kill(process.pid, sig);
    });
  }
}

function ip(args: readonly string[]): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new NetnsError(`ip ${args.join(' ')} failed: ${(err.stderr ?? err.message).trim()}`);
  }
}

export class Netns {
  readonly name: string;
  private readonly children = new Set<ChildProcess>();
  private removed = false;

  private constructor(name: string) {
    this.name = name;
  }

  /** Creates the namespace with lo up and `addresses` on lo; throws NetnsError naming the problem. */
  static create(addresses: readonly string[] = []): Netns {
    const problems = netnsProblems();
    if (problems.length > 0) throw new NetnsError(problems.join('; '));
    installExitHook();
    const ns = new Netns(`stalepath-${randomBytes(2).toString('hex')}`);
    ip(['netns', 'add', ns.name]);
    live.add(ns);
    try {
      ip(['-n', ns.name, 'link', 'set', 'lo', 'up']);
      for (const a of addresses) ip(['-n', ns.name, 'addr', 'add', `${a}/32`, 'dev', 'lo']);
    } catch (e) {
      ns.removeSync();
      throw e;
    }
    return ns;
  }

  /** Runs `cmd` inside the namespace; the process is killed when the namespace is removed. */
  spawn(
    cmd: string,
    args: readonly string[],
    opts: { readonly cwd?: string; readonly outFd?: number | 'pipe' } = {},
  ): ChildProcess {
    const out = opts.outFd ?? 'ignore';
    // Ahead of the rest of the machine in the scheduler (we are root): a calibration judges the
    // daemon's and the live speaker's event-driven changes within 50 ms of wall-clock time, and on a
    // shared 2-core machine other jobs would otherwise delay them by more (nice(1), inherited by the
    // samplers the worker spawns).
    const child = spawn('nice', ['-n', String(CALIBRATION_NICENESS), 'ip', 'netns', 'exec', this.name, cmd, ...args], {
      cwd: opts.cwd,
      stdio: ['ignore', out, out],
    });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** Runs `cmd` inside the namespace to completion; its stdout, or a NetnsError with its stderr. */
  exec(cmd: string, args: readonly string[], timeoutMs = 10_000): string {
    try {
      return execFileSync('ip', ['netns', 'exec', this.name, cmd, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: timeoutMs,
      });
    } catch (e) {
      const err = e as { stderr?: string; stdout?: string; message: string };
      throw new NetnsError(`${cmd} ${args.join(' ')} failed: ${(err.stderr || err.stdout || err.message).trim()}`);
    }
  }

  /** Addresses on lo, to check that nothing but loopback is configured. */
  addresses(): string[] {
    return ip(['-n', this.name, '-o', '-4', 'addr', 'show'])
      .split('\n')
      .map((l) => /inet (\S+)/.exec(l)?.[1])
      .filter((a): a is string => a !== undefined);
  }

  /** Links in the namespace (only `lo`). */
  links(): string[] {
    return ip(['-n', this.name, '-o', 'link', 'show'])
      .split('\n')
      .map((l) => /^\d+: ([^:@]+)/.exec(l)?.[1])
      .filter((a): a is string => a !== undefined);
  }

  /** Kills every process started in it (SIGKILL), then deletes the namespace. Idempotent. */
  removeSync(): void {
    if (this.removed) return;
    this.removed = true;
    for (const c of this.children) {
      try {
        c.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
    // Processes that daemonised or were spawned by others inside it: `ip netns pids`.
    try {
      for (const pid of ip(['netns', 'pids', this.name]).split(/\s+/).filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    } catch {
      /* namespace already gone */
    }
    try {
      ip(['netns', 'del', this.name]);
    } catch {
      /* already gone */
    }
    live.delete(this);
  }

  get isRemoved(): boolean {
    return this.removed;
  }
}

/** Namespace names present on the machine (for tests: none of ours left behind). */
export function listNetns(): string[] {
  try {
    return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.split(' ')[0])
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** Runs `fn` in a fresh namespace and removes it afterwards, whether `fn` succeeds or throws. */
export async function withNetns<T>(addresses: readonly string[], fn: (ns: Netns) => Promise<T>): Promise<T> {
  const ns = Netns.create(addresses);
  try {
    return await fn(ns);
  } finally {
    ns.removeSync();
  }
}
