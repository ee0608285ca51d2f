/**
 * Reasons shared by the layers that write the trace (world) and those that read it (replay): the
 * reason on the records that state what a steady-state run starts from (sessions, BFD, clients).
 */
export const STEADY_STATE = 'steady-state';
