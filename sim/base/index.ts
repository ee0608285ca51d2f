export * from './assert.js';
export * from './ids.js';
export * from './time.js';
