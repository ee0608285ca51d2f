// `stalepath import metallb FILE…`: the Node side of the importer (files in, scenario file out).
// Exit codes as the rest of the CLI: 0 written, 2 invalid input (every problem listed on stderr).
import { closeSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ECMP_TYPES, formatNote, importMetallb } from '../../sim/index.js';
import { type InputText, readInputFile, readStdin } from '../input-file.js';
import { checkOutputPath, OutputError, openOutputFile, writeAllSync, writeStdout } from '../output-file.js';
import { formatJson } from './json-format.js';

type EcmpType = (typeof ECMP_TYPES)[number];

function intOption(min: number, max: number) {
  return (v: string): number => {
    // Digits only: Number('') is 0 and Number('1e3') is 1000, neither of which the user wrote.
    const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`${v} is not an integer in ${min}..${max}`);
    return n;
  };
}

function readText(file: string): InputText {
  // `kubectl get bgppeers,bfdprofiles -o yaml | stalepath import metallb -`
  return file === '-' ? readStdin() : readInputFile(file, 'a file');
}

interface ImportOpts {
  nodes?: number;
  routerProfile: string;
  ecmp: EcmpType;
  buckets?: number;
  routerConfig?: string;
  name: string;
  out?: string;
}

/** Adds `import metallb` to the `stalepath` program. */
export function registerImportCommands(program: Command): void {
  const imp = program.command('import').description('write a scenario from configuration you already have');
  imp
    .command('metallb')
    .description(
      'MetalLB manifests (BGPPeer, BFDProfile, IPAddressPool, BGPAdvertisement; Services, Nodes, EndpointSlices of a kubectl dump) → a scenario, as MetalLB FRR mode renders them',
    )
    .argument('<files...>', 'YAML files, one or more documents each ("-" reads stdin)')
    // No commander default: Node objects in the manifests win over a --nodes the user did not give.
    .option(
      '--nodes <n>',
      'Kubernetes nodes running a speaker (default 3, or the Node objects given)',
      intOption(1, 10_000),
    )
    .option(
      '--router-profile <profile>',
      'upstream router implementation profile (frr, bird, gobgp, cisco-ios-xe, …)',
      'frr',
    )
    .addOption(
      new Option('--ecmp <type>', 'ECMP scheme of the upstream routers').choices(ECMP_TYPES).default('hash-threshold'),
    )
    .option('--buckets <n>', 'buckets of a resilient nexthop group (with --ecmp resilient)', intOption(1, 65_535))
    .option(
      '--router-config <file>',
      'BGP configuration of the upstream router, FRR or Cisco style (bgp graceful-restart …)',
    )
    .option('--name <name>', 'scenario name', 'metallb-import')
    .option('--out <file>', 'write the scenario here (default: stdout)')
    .action((files: string[], opts: ImportOpts) => {
      const errors: string[] = [];
      // The output path is checked first (without creating it: an import that fails writes nothing).
      if (opts.out !== undefined) {
        try {
          checkOutputPath(opts.out);
        } catch (e) {
          if (!(e instanceof OutputError)) throw e;
          errors.push(e.message);
        }
      }
      const manifests = files.flatMap((file) => {
        const r = readText(file);
        if ('error' in r) {
          errors.push(r.error);
          return [];
        }
        return [{ file: file === '-' ? '<stdin>' : file, text: r.text }];
      });
      let routerConfig: { file: string; text: string } | undefined;
      if (opts.routerConfig !== undefined) {
        const r = readText(opts.routerConfig);
        if ('error' in r) errors.push(r.error);
        else routerConfig = { file: opts.routerConfig, text: r.text };
      }
      if (errors.length > 0) {
        for (const e of errors) process.stderr.write(`${e}\n`);
        process.exit(2);
      }
      const result = importMetallb({
        manifests,
        routerConfig,
        nodes: opts.nodes,
        routerProfile: opts.routerProfile,
        ecmp: opts.ecmp,
        buckets: opts.buckets,
        name: opts.name,
      });
      for (const n of result.notes) process.stderr.write(`${formatNote(n)}\n`);
      if (!result.ok) {
        for (const e of result.errors) process.stderr.write(`${e}\n`);
        process.exit(2);
      }
      const json = formatJson(result.scenario);
      const sc = result.scenario;
      const count = (level: string) => result.notes.filter((n) => n.level === level).length;
      const summary = `${sc.nodes.length} nodes, ${sc.routers.length} routers, ${sc.services.length} service${
        sc.services.length === 1 ? '' : 's'
      }; ${count('default')} defaults applied, ${count('ignored')} fields not modelled, ${count('assumed')} assumptions, ${count('warning')} warnings`;
      if (opts.out !== undefined) {
        try {
          const fd = openOutputFile(opts.out);
          writeAllSync(fd, json, opts.out);
          closeSync(fd);
        } catch (e) {
          if (!(e instanceof OutputError)) throw e;
          process.stderr.write(`${e.message}\n`);
          process.exit(1);
        }
        process.stderr.write(`wrote ${opts.out}: ${summary}\n`);
      } else {
        writeStdout(json);
        process.stderr.write(`scenario: ${summary}\n`);
      }
    });
}
