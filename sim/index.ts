/**
 * stalepath's public API: the only import path for cli/ and web/. Everything runs unchanged in
 * Node and in the browser.
 */
import { z } from 'zod';
import { profileNames } from './bgp/profile/index.js';
import { scenarioSchema } from './scenario/schema.js';

export { fmix32 } from './base/mix.js';
export { type Duration, formatTime, ms, s, type Time, us } from './base/time.js';
export type { AfGrStatus, NeighborGrStatus } from './bgp/status/index.js';
// The clients' TCP model, for the check against the kernel (live/kernel/linux-tcp.test.ts).
export { giveUpAfter, LINUX_TCP_DEFAULTS, type LinuxTcpParams, timerExpiry } from './dataplane/tcp/linux-tcp.js';
export * from './import/index.js';
export { parseDuration } from './scenario/duration.js';
export { explainLine, explainRecords, explainRun } from './scenario/explain.js';
export { type LoadResult, loadScenarioText, validateScenario } from './scenario/load.js';
export { type NeighborAt, neighborsAt, neighborsStatusAt } from './scenario/neighbors.js';
export {
  createWorld,
  type ExpectationResult,
  metricValue,
  PreparedScenario,
  prepareScenario,
  type RunOptions,
  type RunResult,
  runScenario,
  ScenarioBuildError,
  VERSION,
} from './scenario/run.js';
export { ECMP_TYPES, METRIC_NAMES, type Scenario, type ScenarioInput } from './scenario/schema.js';
export { type TrafficSeries, trafficSeries } from './scenario/series.js';
export { formatSummary } from './scenario/summary.js';
export { DEFAULT_GRID_CELLS, type EcmpGrid, type EcmpSpec, ecmpGridAt, type FibStep } from './world/ecmp-grid.js';
export type { RunMetrics, WorldRecord } from './world/index.js';
export { readTraceLines, type TraceRead } from './world/record-schema.js';

/** Profile names a scenario may use (unversioned names point at the newest version). */
export const PROFILE_NAMES: readonly string[] = profileNames();

/** JSON Schema of the scenario format, for editors (`stalepath schema`). */
export const SCENARIO_JSON_SCHEMA = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });

// The transport-independent pieces live/ drives on real sockets and the wall clock.
export {
  acceptsConnection,
  type ConnId,
  type SessionInput,
  type SessionOutput,
  type SessionState,
  type SpeakerConfig,
  type SpeakerOutput,
} from './bgp/index.js';
export {
  type DrawKind,
  LOGGED_DRAW_SLACK,
  type LoggedDraws,
  type SubjectDraws,
} from './bgp/session/logged-draws.js';
export {
  decode,
  encodeAll,
  Framer,
  isEndOfRib,
  type Message,
  type NotificationMessage,
} from './bgp/wire/index.js';
export { RandomStreams } from './engine/rng.js';
export * from './replay/index.js';
export { buildWorldSpec } from './scenario/build.js';
export { type CostEstimate, estimateCost, SECONDS_PER_EVENT } from './scenario/cost.js';
export {
  COST_BUDGET,
  type CostBudget,
  checkCost,
  formatBytes,
  formatEvents,
  NO_LIMIT_FLAG,
  overBudget,
  SWEEP_BOUND,
} from './scenario/cost-budget.js';
export { BgpEndpoint, BgpProcess, type ProcessTimer } from './world/bgp-endpoint.js';
export { familyOfPrefix } from './world/context.js';
export { applyFault, type FaultTarget } from './world/faults.js';
export { originAttributes } from './world/origination.js';
export { speakerConfig } from './world/processes.js';
export { messageRecord, sendsFourOctetAs, sessionOutputRecord, speakerOutputRecords } from './world/session-io.js';
export type { FaultSpec, NodeSpec, RouterSpec, SessionSpec, WorldSpec } from './world/spec.js';
