/**
 * What the scenario panel accepts as text: a stalepath scenario (JSON) or MetalLB manifests (YAML:
 * BGPPeer, BFDProfile, IPAddressPool, BGPAdvertisement), turned into a scenario by the same
 * importer as `stalepath import metallb`, with its notes (defaults applied, fields not modelled).
 */
import { formatNote, importMetallb, loadScenarioText, PROFILE_NAMES } from '../sim/index.js';
import { runExportInput } from './export.js';

export interface ParsedScenarioText {
  /** The scenario JSON, or null when the text could not be read at all. */
  readonly json: unknown;
  readonly errors: readonly string[];
  /** Importer notes, for MetalLB YAML. */
  readonly notes: readonly string[];
}

export function parseScenarioText(text: string, source: string): ParsedScenarioText {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed === '') {
    try {
      const json: unknown = JSON.parse(text);
      // A run exported from this page: its scenario input (with the run's seed) re-runs it.
      const run = runExportInput(json);
      return run ? { json: run.input, errors: [], notes: [run.note] } : { json, errors: [], notes: [] };
    } catch (e) {
      return { json: null, errors: [`${source}: is not valid JSON (${(e as Error).message})`], notes: [] };
    }
  }
  const r = importMetallb({ manifests: [{ file: source, text }] });
  const notes = r.notes.map(formatNote);
  return r.ok ? { json: r.scenario, errors: [], notes } : { json: null, errors: r.errors, notes };
}

export interface ScenarioCheck {
  readonly errors: readonly string[];
  /** Accepted but not applied as written (e.g. a stale-path time on a BIRD router), as the CLI prints to stderr. */
  readonly warnings: readonly string[];
}

/** The loader's verdict on the scenario JSON: its errors, or its warnings when it loads. */
export function checkScenario(json: unknown): ScenarioCheck {
  if (json === null) return { errors: ['scenario: is not valid JSON'], warnings: [] };
  const r = loadScenarioText(JSON.stringify(json), 'scenario', { profiles: PROFILE_NAMES });
  return r.ok ? { errors: [], warnings: r.warnings ?? [] } : { errors: r.errors, warnings: [] };
}
