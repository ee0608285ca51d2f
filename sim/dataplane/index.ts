export * from './connection-table.js';
export * from './data-plane.js';
export * from './ecmp/index.js';
export * from './flow-key.js';
export * from './hash.js';
export type * from './random-source.js';
export * from './rate-series.js';
export * from './timer-heap.js';
export * from './workload.js';
