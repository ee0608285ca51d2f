export * from './metrics.js';
export * from './neighbor.js';
export * from './prefix-block.js';
export * from './records.js';
export * from './spec.js';
export * from './world.js';
