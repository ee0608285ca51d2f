/** The layer rule of DESIGN.md: imports point only downward. Checked by `npm run layers`. */
module.exports = {
  forbidden: [
    {
      name: 'sim-never-imports-cli-or-web',
      severity: 'error',
      from: { path: '^sim/' },
      to: { path: '^(cli|web)/' },
    },
    {
      name: 'sim-never-imports-node-builtins',
      comment: 'sim/ runs unchanged in Node and in the browser',
      severity: 'error',
      from: { path: '^sim/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'cli-and-web-import-only-sim-index',
      severity: 'error',
      from: { path: '^(cli|web)/' },
      to: { path: '^sim/', pathNot: '^sim/index\\.ts$' },
    },
    {
      name: 'cli-and-web-stay-apart',
      severity: 'error',
      from: { path: '^(cli|web)/' },
      to: { path: '^(cli|web)/', pathNot: '^$1/' },
    },
    {
      name: 'base-imports-nothing',
      severity: 'error',
      from: { path: '^sim/base/' },
      to: { path: '^sim/', pathNot: '^sim/base/' },
    },
    {
      name: 'engine-imports-only-base',
      severity: 'error',
      from: { path: '^sim/engine/' },
      to: { path: '^sim/', pathNot: '^sim/(base|engine)/' },
    },
    {
      name: 'protocol-folders-import-only-base',
      comment: 'sans-IO machines never see the engine or each other; BFD→BGP and RIB→FIB go through world',
      severity: 'error',
      from: { path: '^sim/(bgp|bfd|dataplane)/' },
      to: { path: '^sim/', pathNot: '^sim/(base|$1)/' },
    },
    {
      name: 'world-stays-below-scenario-metrics-replay',
      comment: 'integration tests of the world may build it from a scenario',
      severity: 'error',
      from: { path: '^sim/world/', pathNot: '\\.test\\.ts$' },
      to: { path: '^sim/(scenario|metrics|replay|index\\.ts)' },
    },
    {
      name: 'metrics-and-replay-are-folds-over-the-trace',
      comment: 'type-only imports of the record types are fine',
      severity: 'error',
      from: { path: '^sim/(metrics|replay)/' },
      to: { path: '^sim/(world|scenario|index\\.ts)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'scenario-below-index',
      severity: 'error',
      from: { path: '^sim/scenario/' },
      to: { path: '^sim/index\\.ts$' },
    },
    {
      name: 'benchmarks-never-import-web',
      severity: 'error',
      from: { path: '^benchmarks/' },
      to: { path: '^web/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.js'] } },
  },
};
