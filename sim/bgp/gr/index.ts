export * from './capabilities.js';
export * from './deferral.js';
export * from './helper.js';
export * from './termination.js';
