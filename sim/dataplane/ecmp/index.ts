export * from './config.js';
export * from './group.js';
export * from './hash-threshold.js';
export * from './maglev.js';
export * from './modulo.js';
export * from './rendezvous.js';
export * from './resilient.js';
export * from './slots.js';
