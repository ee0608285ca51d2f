// `npm run bench`: bundles every benchmarks/<name>/bench.ts with esbuild and runs it in its own
// plain Node process, one after another, passing its output through. Bundling first keeps the
// TypeScript loader out of the figures (it alone adds ~35 MiB of RSS). Never fails a build: a
// benchmark that crashes is reported and the rest still run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(tmpdir(), `stalepath-bench-${process.pid}`);
mkdirSync(outDir, { recursive: true });

/** Bundles a benchmark entry to plain JS and returns the file to run with `node`. */
export function bundle(entry: string, name: string): string {
  const outfile = join(outDir, `${name}.mjs`);
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    // CommonJS dependencies (yaml) bundled into ESM need a real `require` for Node built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

const only = process.argv.slice(2);
const names = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'bench.ts')))
  .map((d) => d.name)
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();
for (const name of names) {
  console.log(`# ${name}`);
  const r = spawnSync(process.execPath, ['--expose-gc', bundle(join(here, name, 'bench.ts'), name)], {
    stdio: 'inherit',
    cwd: join(here, '..'),
    env: { ...process.env, STALEPATH_BENCH_DIR: outDir },
  });
  if (r.status !== 0) console.log(`${name}: benchmark exited with ${r.status ?? r.signal}`);
}
