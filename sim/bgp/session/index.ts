export * from './fsm-table.js';
export * from './hold-time.js';
export * from './jitter.js';
export * from './logged-draws.js';
export * from './session.js';
export * from './types.js';
