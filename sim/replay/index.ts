export * from './apply-record.js';
export * from './describe-record.js';
export * from './lanes.js';
export * from './replay.js';
export * from './view-state.js';
