// The Kubernetes manifests in deploy/ describe one sweep in three places that must agree: the
// Job's completions, the N of --shard, and the merge step's --runs. These tests read the YAML.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseParams, pointCount } from './grid.js';

const deploy = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy');
type Doc = {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template: { spec: { restartPolicy: string; containers: { args: string[] }[] } };
  };
};
const docs = (f: string) => parseAllDocuments(readFileSync(join(deploy, f), 'utf8')).map((d) => d.toJS() as Doc);
const sweepJob = docs('sweep-job.yaml').find((d) => d.kind === 'Job')!;
const mergeJob = docs('merge-job.yaml').find((d) => d.kind === 'Job')!;
const args = sweepJob.spec.template.spec.containers[0].args;
const flag = (name: string) => args.filter((_, i) => args[i - 1] === name);

describe('deploy/ manifests', () => {
  it('run the sweep as an Indexed Job with one shard per completion index', () => {
    expect(sweepJob.spec.completionMode).toBe('Indexed');
    expect(args[0]).toBe('sweep');
    const [shard] = flag('--shard');
    expect(shard).toBe(`$(JOB_COMPLETION_INDEX)/${sweepJob.spec.completions}`);
    expect(sweepJob.spec.parallelism).toBeLessThanOrEqual(sweepJob.spec.completions!);
  });

  it('write one output per shard and resume it when a pod is retried', () => {
    expect(flag('--out')[0]).toMatch(/^\/results\/shard-\$\(JOB_COMPLETION_INDEX\)\.csv$/);
    expect(args).toContain('--resume');
    expect(sweepJob.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('merge every shard file, checking for the sweep’s exact number of runs', () => {
    const params = parseParams(flag('--param'));
    const runs = pointCount(params) * Number(flag('--replicates')[0]);
    const script = mergeJob.spec.template.spec.containers[0].args.join(' ');
    expect(script).toContain(' merge /results/shard-*.csv ');
    expect(script).toContain(`--runs ${runs} `);
    expect(script).toMatch(/--out \/results\/all\.csv$/);
  });
});
