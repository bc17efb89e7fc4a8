/**
 * Dependency rules (STYLE.md "Dependencies point one way"): the packages depend on each other only
 * in the order schemas → core → verifier → pathways → issuer, never in a cycle, and no relative
 * import leaves its package. `npm run check` runs it on packages/*\/src.
 */
const ORDER = ['schemas', 'core', 'verifier', 'pathways', 'issuer'];

const direction = ORDER.map((name, rank) => ({
  name: `direction-${name}`,
  comment: `${name} may depend only on ${ORDER.slice(0, rank).join(', ') || 'no other package'} (schemas → core → verifier → pathways → issuer)`,
  severity: 'error',
  from: { path: `^packages/${name}/` },
  to: { path: `^packages/(${ORDER.slice(rank + 1).join('|') || '$^'})/` },
})).filter((r) => r.to.path !== '^packages/($^)/');

module.exports = {
  forbidden: [
    ...direction,
    {
      name: 'cli-http-only',
      comment:
        'The CLI talks to the issuer over HTTP: it may use schemas and core (keys), never the verifier, pathways or issuer packages.',
      severity: 'error',
      from: { path: '^packages/cli/' },
      to: { path: '^packages/(verifier|pathways|issuer)/' },
    },
    {
      name: 'nothing-depends-on-cli',
      comment: 'The CLI is an application at the end of the chain: no package imports it.',
      severity: 'error',
      from: { path: '^packages/(schemas|core|verifier|pathways|issuer)/' },
      to: { path: '^packages/cli/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles inside a package or between packages.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { circular: true },
    },
    {
      name: 'no-relative-escape',
      comment: 'A package reaches another only through its name (@repo/…), never by a relative path.',
      severity: 'error',
      from: { path: '^packages/([^/]+)/' },
      to: { dependencyTypes: ['local'], pathNot: '^packages/$1/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
