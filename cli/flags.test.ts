// Every numeric flag of every command is checked: a clear line and exit 2, never a silent
// default (`--seed ''` used to mean seed 0) and never a RangeError stack.
import { describe, it } from 'vitest';
import { cli, expectRefused, SCENARIO, tmpDir } from './test-cli.js';

const dir = tmpDir('flags');
const invalid = (flag: string) => new RegExp(`^error: option '${flag}' argument .* is invalid`);

describe('numeric flags are checked', () => {
  it('run, explain and neighbors refuse an empty, negative, fractional, hex or 2^32 seed', () => {
    for (const seed of ['', '-1', '1.5', '0x10', '4294967296', '99999999999999999999', 'abc'])
      expectRefused(cli(['run', SCENARIO, '--seed', seed]), 2, invalid('--seed <n>'));
    expectRefused(cli(['explain', SCENARIO, '--seed', '']), 2, invalid('--seed <n>'));
    expectRefused(cli(['neighbors', SCENARIO, '--at', '45s', '--seed', ' ']), 2, invalid('--seed <n>'));
  });

  it('neighbors --at beyond the clock, empty, or after the run is one line, exit 2', () => {
    expectRefused(cli(['neighbors', SCENARIO, '--at', '99999999999999999999']), 2, invalid('--at <time>'));
    expectRefused(cli(['neighbors', SCENARIO, '--at', '99999999999999999999s']), 2, invalid('--at <time>'));
    expectRefused(cli(['neighbors', SCENARIO, '--at', '']), 2, invalid('--at <time>'));
    expectRefused(cli(['neighbors', SCENARIO, '--at', '1000000s']), 2, /^--at: 1000000 s is after the end of the run/);
  });

  it('sweep refuses bad --seed, --replicates, --workers and --shard, each with its rule', () => {
    const out = ['--out', `${dir}/s.csv`];
    expectRefused(
      cli(['sweep', SCENARIO, '--seed', '', ...out]),
      2,
      /^--seed : expected a whole number from 0 to 4294967295$/,
    );
    expectRefused(cli(['sweep', SCENARIO, '--seed', '4294967296', ...out]), 2, /^--seed 4294967296: expected/);
    expectRefused(
      cli(['sweep', SCENARIO, '--replicates', '0', ...out]),
      2,
      /^--replicates 0: expected a whole number from 1/,
    );
    expectRefused(cli(['sweep', SCENARIO, '--replicates', '1e3', ...out]), 2, /^--replicates 1e3: expected/);
    expectRefused(
      cli(['sweep', SCENARIO, '--workers', '0', ...out]),
      2,
      /^--workers 0: expected a whole number from 1 to 1024$/,
    );
    expectRefused(cli(['sweep', SCENARIO, '--shard', '2/2', ...out]), 2, /^--shard 2\/2: I must be below N/);
    expectRefused(
      cli(['sweep', SCENARIO, '--shard', '0/99999999999999999999', ...out]),
      2,
      /^--shard 0\/99999999999999999999: N must be at most 1000000/,
    );
    expectRefused(
      cli(['sweep', SCENARIO, '--param', 'faults[0].downtime=1s..99999999999999999999s:1s', ...out]),
      2,
      /beyond the clock/,
    );
  });

  it('merge refuses a bad --runs and import a bad --nodes or --buckets', () => {
    expectRefused(
      cli(['merge', `${dir}/a.csv`, '--out', `${dir}/m.csv`, '--runs', '-1']),
      2,
      /^--runs -1: expected a whole number/,
    );
    expectRefused(cli(['import', 'metallb', SCENARIO, '--nodes', '']), 2, invalid('--nodes <n>'));
    expectRefused(cli(['import', 'metallb', SCENARIO, '--nodes', '1e3']), 2, invalid('--nodes <n>'));
    expectRefused(
      cli(['import', 'metallb', SCENARIO, '--buckets', '99999999999999999999']),
      2,
      invalid('--buckets <n>'),
    );
  });
});
