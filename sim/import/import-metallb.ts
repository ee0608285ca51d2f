// `stalepath import metallb`, without the file system: manifest texts (+ router config text) in,
// a validated scenario, the notes and the errors out.
import { profileNames } from '../bgp/profile/index.js';
import { loadScenarioText } from '../scenario/load.js';
import { createWorld, ScenarioBuildError } from '../scenario/run.js';
import type { ScenarioInput } from '../scenario/schema.js';

const PROFILE_NAMES = profileNames();

import { type ManifestInput, parseManifests } from './manifests.js';
import type { ImportNote } from './notes.js';
import { parseRouterConfig } from './router-config.js';
import { checkReferences, type EcmpType, translate } from './translate.js';

export interface ImportMetallbInput {
  readonly manifests: readonly ManifestInput[];
  readonly routerConfig?: { readonly file: string; readonly text: string };
  readonly nodes?: number;
  readonly routerProfile?: string;
  readonly ecmp?: EcmpType;
  readonly buckets?: number;
  readonly name?: string;
}

export type ImportMetallbResult =
  | { readonly ok: true; readonly scenario: ScenarioInput; readonly notes: readonly ImportNote[] }
  | { readonly ok: false; readonly errors: readonly string[]; readonly notes: readonly ImportNote[] };

const baseName = (f: string) => f.split(/[\\/]/).pop() ?? f;

export function importMetallb(input: ImportMetallbInput): ImportMetallbResult {
  const routerProfile = input.routerProfile ?? 'frr';
  const ecmp = input.ecmp ?? 'hash-threshold';
  const optionErrors: string[] = [];
  if (!PROFILE_NAMES.includes(routerProfile)) {
    optionErrors.push(`--router-profile: unknown profile "${routerProfile}" (known: ${PROFILE_NAMES.join(', ')})`);
  }
  if (ecmp === 'resilient' && input.buckets === undefined) {
    optionErrors.push(
      '--ecmp resilient needs --buckets N: the kernel refuses a resilient group without a bucket count',
    );
  }
  const parsed = parseManifests(input.manifests);
  const rc = input.routerConfig ? parseRouterConfig(input.routerConfig.text, input.routerConfig.file) : undefined;
  // Field errors and dangling references together: every problem at once.
  const refs = parsed.errors.length > 0 ? checkReferences(parsed.manifests) : [];
  const errors = [...optionErrors, ...parsed.errors, ...refs, ...(rc?.errors ?? [])];
  if (errors.length > 0) return { ok: false, errors, notes: parsed.notes };
  const t = translate(parsed.manifests, {
    nodes: input.nodes ?? 3,
    nodesGiven: input.nodes !== undefined,
    routerProfile,
    ecmp,
    buckets: input.buckets,
    name: input.name ?? 'metallb-import',
    files: input.manifests.map((m) => baseName(m.file)),
    routerConfig: rc && input.routerConfig ? { file: input.routerConfig.file, config: rc } : undefined,
  });
  const notes = [...parsed.notes, ...t.notes];
  if (!t.scenario || t.errors.length > 0) return { ok: false, errors: t.errors, notes };
  // The scenario goes through the same validation as a hand-written one.
  const check = loadScenarioText(JSON.stringify(t.scenario), 'imported scenario', { profiles: PROFILE_NAMES });
  if (!check.ok) return { ok: false, errors: check.errors, notes };
  // And the profiles must accept the settings (a helper-only router cannot be told to restart).
  try {
    createWorld(check.scenario);
  } catch (e) {
    if (e instanceof ScenarioBuildError)
      return { ok: false, errors: e.errors.map((x) => `imported scenario: ${x}`), notes };
    throw e;
  }
  return { ok: true, scenario: t.scenario, notes };
}
