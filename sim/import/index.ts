export { type ImportMetallbInput, type ImportMetallbResult, importMetallb } from './import-metallb.js';
export type { ManifestInput } from './manifests.js';
export { formatNote, type ImportNote } from './notes.js';
