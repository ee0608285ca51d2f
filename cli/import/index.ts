export { registerImportCommands } from './command.js';
export { type ImportMetallbInput, type ImportMetallbResult, importMetallb } from './import-metallb.js';
export { formatNote, type ImportNote } from './notes.js';
