export * from './agenda.js';
export * from './hash.js';
export * from './rng.js';
export * from './simulator.js';
export * from './trace.js';
