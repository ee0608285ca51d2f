/**
 * The page's entry: the default run goes to the worker first (early-run.ts), then the UI loads
 * (app.ts, with d3 and every view) while the worker loads and simulates.
 */
import './style.css';
import './early-run.js';

void import('./app.js');
