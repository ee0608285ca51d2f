export { registerImportCommands } from './command.js';
export { type NeighborAt, neighborJson, neighborsJson } from './neighbors-json.js';
