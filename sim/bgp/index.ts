export * from './gr/index.js';
export * from './profile/index.js';
export * from './rib/index.js';
export * from './session/index.js';
export * from './speaker/index.js';
export * from './status/index.js';
export * from './wire/index.js';
