export * from './bird.js';
export * from './documented.js';
export * from './frr.js';
export * from './gobgp.js';
export * from './profile.js';
export * from './registry.js';
export * from './rfc.js';
