// Reads a scenario file with every way it can be unreadable turned into one clear line.
import { type LoadResult, loadScenarioText, PROFILE_NAMES } from '../sim/index.js';
import { readInputFile } from './input-file.js';

export function readScenarioFile(file: string): LoadResult & { text?: string } {
  const r = readInputFile(file, 'a scenario file');
  if ('error' in r) return { ok: false, errors: [r.error] };
  const loaded = loadScenarioText(r.text, file, { profiles: PROFILE_NAMES });
  return loaded.ok ? { ...loaded, text: r.text } : loaded;
}
