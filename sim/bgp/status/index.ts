export * from './neighbor-status.js';
export * from './render.js';
