/**
 * Which file each piscina thread loads. Registering tsx in a thread costs it 1-2 s before its
 * first run (every thread compiles the simulator again through its own loader thread), so the
 * main thread bundles worker.ts once with esbuild (~0.2 s; esbuild is what tsx itself runs on,
 * so it is installed wherever tsx is) and every thread loads one plain .mjs in ~0.1 s. If
 * esbuild cannot be loaded, the threads fall back to worker-entry.js, which registers tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WorkerFile {
  /** Path or file: URL for piscina's `filename`. */
  readonly filename: string;
  readonly bundled: boolean;
  /** Removes the bundle (a no-op for the fallback). */
  dispose(): void;
}

const TS_WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const TSX_WORKER = new URL('./worker-entry.js', import.meta.url).href;

type Esbuild = typeof import('esbuild');

/**
 * Bundles `source` (default: worker.ts beside this file) with the given esbuild, or with the one
 * installed beside this file; falls back to the tsx entry when there is none.
 */
export async function prepareWorker(options: { source?: string; esbuild?: Esbuild } = {}): Promise<WorkerFile> {
  let esbuild = options.esbuild;
  if (!esbuild) {
    try {
      // A computed specifier: bundlers (the benchmark runner) must leave esbuild out of their bundle.
      const name = 'esbuild';
      esbuild = (await import(name)) as Esbuild;
    } catch {
      return { filename: TSX_WORKER, bundled: false, dispose: () => {} };
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'stalepath-sweep-'));
  const outfile = join(dir, 'worker.mjs');
  try {
    await esbuild.build({
      entryPoints: [options.source ?? TS_WORKER],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'silent',
      // CommonJS dependencies bundled into ESM need a real `require` for Node built-ins.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { filename: outfile, bundled: true, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The tsx-registering entry, for callers (and tests) that want the no-bundle path explicitly. */
export const TSX_WORKER_FILE = TSX_WORKER;
