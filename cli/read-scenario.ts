// Reads a scenario file with every way it can be unreadable turned into one clear line.
import { readFileSync, statSync } from 'node:fs';
import { type LoadResult, loadScenarioText, PROFILE_NAMES } from '../sim/index.js';

export function readScenarioFile(file: string): LoadResult {
  let text: string;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return { ok: false, errors: [`${file}: is a directory, not a scenario file`] };
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { ok: false, errors: [`${file}: cannot read (${why})`] };
  }
  return loadScenarioText(text, file, { profiles: PROFILE_NAMES });
}
