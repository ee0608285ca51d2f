/**
 * The app as a user gets it, for the scripts that drive it (`npm run screenshots`, `npm run
 * perf:ui`): a production build in a temp folder, served on loopback, and Debian's headless
 * Chromium with the project's flags (never a downloaded browser; STALEPATH_CHROMIUM overrides).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { type StaticServer, serveStatic } from './static-server.js';

/** Debian's Chromium; STALEPATH_CHROMIUM names another binary. */
export const CHROMIUM = process.env.STALEPATH_CHROMIUM || '/usr/bin/chromium';

export interface BuiltApp {
  readonly url: string;
  readonly server: StaticServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function openBuiltApp(prefix: string): Promise<BuiltApp> {
  const out = mkdtempSync(join(tmpdir(), prefix));
  execFileSync(process.execPath, [
    'node_modules/vite/bin/vite.js',
    'build',
    '--outDir',
    out,
    '--emptyOutDir',
    '--logLevel',
    'error',
  ]);
  const server = await serveStatic(out);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    url: server.url,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(out, { recursive: true, force: true });
    },
  };
}
