/** The bundled scenarios (the same files the CLI and the scenario tests use), as raw text. */
const files = import.meta.glob('../scenarios/*.json', { eager: true, query: '?raw', import: 'default' }) as Record<
  string,
  string
>;

import { DEFAULT_SCENARIO } from './default-scenario.js';

export { DEFAULT_SCENARIO };

export const BUNDLED: ReadonlyMap<string, string> = new Map(
  Object.entries(files)
    .map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.json$/, ''), text] as const)
    .sort(([a], [b]) => (a === DEFAULT_SCENARIO ? -1 : b === DEFAULT_SCENARIO ? 1 : a < b ? -1 : 1)),
);
