/**
 * Calibration cases whose disagreement is understood and recorded (README "Agreement with real
 * daemons"), with the reason. The calibration test reports them but does not fail on them; every
 * other case must agree. Each entry is a finding still to act on (profile or harness), not a
 * tolerance: the case's states and times are printed by `stalepath calibrate` either way.
 */
export const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {};
