/**
 * The page's first module, kept small: it starts the simulation worker and sends it the default
 * scenario before the rest of the UI (d3, the views, the form) has even been fetched, so the run
 * and the UI's loading overlap. The UI adopts this run instead of starting its own.
 */

import { DEFAULT_SCENARIO } from './default-scenario.js';
import { RunClient, type RunOutcome } from './run-client.js';

// The picker names the scenario at once; the UI adds the others when it loads.
const picker = document.getElementById('scenario-picker') as HTMLSelectElement | null;
if (picker && picker.options.length === 0) {
  picker.append(new Option(DEFAULT_SCENARIO, DEFAULT_SCENARIO));
  picker.value = DEFAULT_SCENARIO;
}

/** The one worker client of the page. */
export const client = new RunClient();

/** Progress of the early run, for whoever shows it once the UI is up. */
let progressSink: ((phase: string, fraction: number) => void) | null = null;
export function onEarlyProgress(sink: (phase: string, fraction: number) => void): void {
  progressSink = sink;
}

// The pattern must be a literal; a name that does not match DEFAULT_SCENARIO finds nothing and the UI runs it itself.
const defaultText = Object.entries(
  import.meta.glob('../scenarios/metallb-speaker-restart.json', { eager: true, query: '?raw', import: 'default' }),
).find(([path]) => path.endsWith(`/${DEFAULT_SCENARIO}.json`))?.[1] as string | undefined;

/**
 * The default scenario's run, started at once on a plain load (a link opens its own run instead);
 * null when there is none. Taken once: a later run is the UI's own.
 */
let early: Promise<RunOutcome> | null =
  location.hash.length > 1 || defaultText === undefined
    ? null
    : client.run(defaultText, undefined, (phase, f) => progressSink?.(phase, f));
export function takeEarlyRun(scenario: string): Promise<RunOutcome> | null {
  const e = scenario === DEFAULT_SCENARIO ? early : null;
  early = null;
  return e;
}
if (early === null) client.warm();
