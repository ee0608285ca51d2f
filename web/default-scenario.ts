/** The scenario a plain page load runs and draws (early-run.ts loads its file by this name). */
export const DEFAULT_SCENARIO = 'metallb-speaker-restart';
