export * from './apply-record.js';
export * from './keepalive-spans.js';
export * from './ladder.js';
export * from './lanes.js';
export * from './narrate.js';
export * from './replay.js';
export * from './view-state.js';
