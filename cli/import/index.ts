export { registerImportCommands } from './command.js';
export { type ImportMetallbInput, type ImportMetallbResult, importMetallb } from './import-metallb.js';
export { type NeighborAt, neighborJson, neighborsJson } from './neighbors-json.js';
export { formatNote, type ImportNote } from './notes.js';
