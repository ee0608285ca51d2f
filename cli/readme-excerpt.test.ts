// The README quotes `stalepath explain`, and a dual-stack `stalepath import metallb` and `run`;
// every quoted line must be a line the command prints now.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explainRun, loadScenarioText, PROFILE_NAMES } from '../sim/index.js';

function readmeBlockAfter(heading: string, fence = '```\n'): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const from = readme.indexOf(heading);
  expect(from).toBeGreaterThanOrEqual(0);
  const open = readme.indexOf(fence, from) + fence.length;
  return readme.slice(open, readme.indexOf('```', open)).trimEnd().split('\n');
}

describe('README', () => {
  it('quotes explain lines that metallb-speaker-restart prints today', () => {
    const text = readFileSync(new URL('../scenarios/metallb-speaker-restart.json', import.meta.url), 'utf8');
    const r = loadScenarioText(text, 'metallb-speaker-restart.json', { profiles: PROFILE_NAMES });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const printed = new Set(explainRun(r.scenario));
    const quoted = readmeBlockAfter('`explain` narrates a run');
    expect(quoted.length).toBeGreaterThan(0);
    expect(quoted.filter((l) => !printed.has(l))).toEqual([]);
  });

  it('quotes the dual-stack import and run lines that stalepath import metallb and run print today', () => {
    const quoted = readmeBlockAfter('### A dual-stack cluster', '```console\n');
    const at = (cmd: string) => quoted.findIndex((l) => l.startsWith(`$ npx stalepath ${cmd}`));
    const [imp, run] = [at('import metallb dual-stack.yaml --out dual-stack.json'), at('run dual-stack.json')];
    expect([imp, run].every((i) => i >= 0) && imp < run).toBe(true);
    // As the README runs it: in a folder holding dual-stack.yaml, writing dual-stack.json there.
    const dir = mkdtempSync(join(tmpdir(), 'stalepath-readme-'));
    const root = fileURLToPath(new URL('../', import.meta.url));
    copyFileSync(join(root, 'scenarios', 'metallb-from-manifests', 'dual-stack.yaml'), join(dir, 'dual-stack.yaml'));
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin', 'stalepath.js'), ...args], { encoding: 'utf8', cwd: dir });
    const i = cli('import', 'metallb', 'dual-stack.yaml', '--out', 'dual-stack.json');
    expect(i.status).toBe(0);
    const r = cli('run', 'dual-stack.json');
    expect(r.status).toBe(0);
    const printed = (text: string) => new Set(text.split('\n'));
    const missing = (lines: string[], out: Set<string>) => lines.filter((l) => l !== '…' && !out.has(l));
    expect(missing(quoted.slice(imp + 1, run), printed(i.stderr))).toEqual([]);
    expect(missing(quoted.slice(run + 1), printed(r.stdout))).toEqual([]);
    expect(quoted.slice(run + 1)).toContainEqual(expect.stringMatching(/^ {2}IPv6 +\d+ started/));
  });
});
