/**
 * `stalepath live SCENARIO --speaker NODE --peer ADDRESS`: plays one node's speaker of a scenario
 * against a real router on a real socket in real time (live/), applies the scenario's faults on the
 * wall clock from the moment the session is Established (the scenario's t = 0), and writes the same
 * trace records as `run --trace`.
 */
import { closeSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { scheduleFaults } from '../live/fault-target.js';
import { LiveSpeaker } from '../live/live-speaker.js';
import { liveSetup } from '../live/scenario-setup.js';
import type { Scenario } from '../sim/index.js';
import { openOutputFile, writeAllSync } from './output-file.js';

const address = z.union([z.ipv4(), z.ipv6()]);
const port = z.coerce.number().int().min(1).max(65_535);

interface LiveOptions {
  speaker: string;
  peer: string;
  peerPort: string;
  local?: string;
  localPort: string;
  trace?: string;
}

export function registerLiveCommand(program: Command, load: (file: string) => Scenario): void {
  program
    .command('live')
    .description("play one node's speaker of a scenario against a real router, in real time")
    .argument('<file>', 'scenario file')
    .requiredOption('--speaker <node>', 'the node whose speaker stalepath plays')
    .requiredOption('--peer <address>', "the real router's address")
    .option('--peer-port <n>', "the real router's BGP port", '179')
    .option('--local <address>', 'our address (listen and connect from it; default: the OS chooses)')
    .option('--local-port <n>', 'the port we listen on', '179')
    .option('--trace <file.jsonl>', 'write the trace as JSON Lines')
    .action(async (file: string, opts: LiveOptions) => {
      const sc = load(file);
      const problems: string[] = [];
      const check = <T>(schema: z.ZodType<T>, flag: string, v: string | undefined, rule: string): T | undefined => {
        if (v === undefined) return undefined;
        const r = schema.safeParse(v);
        if (!r.success) problems.push(`${file}: ${flag} ${v}: ${rule}`);
        return r.success ? r.data : undefined;
      };
      const peerAddress = check(address, '--peer', opts.peer, 'must be an IPv4 or IPv6 address');
      const peerPort = check(port, '--peer-port', opts.peerPort, 'must be a port 1..65535');
      const local = check(address, '--local', opts.local, 'must be an IPv4 or IPv6 address');
      const localPort = check(port, '--local-port', opts.localPort, 'must be a port 1..65535');
      const setup = liveSetup(sc, opts.speaker);
      if (!setup.ok) problems.push(...setup.errors.map((e) => `${file}: --speaker ${opts.speaker}: ${e}`));
      else if (!sc.nodes.some((n) => n.name === opts.speaker))
        problems.push(`${file}: --speaker ${opts.speaker}: must name a node (the speaker side), not a router`);
      else if (setup.setup.peers.length !== 1)
        problems.push(
          `${file}: --speaker ${opts.speaker}: has ${setup.setup.peers.length} routers; live plays exactly one session`,
        );
      if (problems.length > 0 || !setup.ok) {
        for (const p of problems) process.stderr.write(`${p}\n`);
        process.exit(2);
      }
      const traceFd = opts.trace === undefined ? undefined : openOutputFile(opts.trace);
      const router = setup.setup.peers[0]!;
      const ls = new LiveSpeaker({
        config: setup.setup.config,
        local: { address: local ?? '0.0.0.0', port: localPort! },
        peers: { [router]: { address: peerAddress!, port: peerPort! } },
        prefixes: setup.setup.prefixes,
        uptime: setup.setup.uptime,
        record: (r) => {
          if (traceFd !== undefined) writeAllSync(traceFd, `${JSON.stringify(r)}\n`, opts.trace!);
        },
      });
      await ls.listen();
      process.stderr.write(`live: ${opts.speaker} → ${router} at ${peerAddress}:${peerPort}\n`);
      ls.start();
      await ls.waitFor((r) => r.type === 'bgp-state' && r.to === 'Established');
      const cancel = scheduleFaults(ls, setup.setup.faults, sc.seed, (what) =>
        process.stderr.write(`live: not applied (the real router's to do): ${what}\n`),
      );
      // The scenario's duration (µs) from t = 0, on the wall clock.
      await new Promise((r) => setTimeout(r, Number(sc.duration) / 1000));
      cancel();
      await ls.close();
      if (traceFd !== undefined) closeSync(traceFd);
      process.exit(0);
    });
}
