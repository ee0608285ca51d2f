export * from './speaker.js';
