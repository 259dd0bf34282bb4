/**
 * Architecture rules, checked in CI (`npm run lint:architecture`).
 * Value imports only: type-only imports vanish when compiled and make no runtime edge.
 */
// A file with a Nest/TypeORM role is framework code; every other file under a domain folder is the
// pure core (normalisers, scoring, ranking, rules, masking) and must run without Nest or TypeORM.
const FRAMEWORK_ROLE = '\\.(service|controller|module|repository|job|entity|dto|guard|decorators?|pipe|driver|filter|interceptor|logger|options|tokens|schema|reader|client|command)\\.ts$';
const FRAMEWORK_FOLDERS = '^src/(bootstrap|database|queue)/|^src/(main|main-api|main-worker|main-connector|app\\.module)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Domain folders form layers: a folder never reaches itself again through its imports.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'pure-core-without-framework',
      comment: 'Rules and normalisers are plain TypeScript: no Nest, no TypeORM, no driver.',
      severity: 'error',
      from: { path: '^src/', pathNot: [FRAMEWORK_ROLE, FRAMEWORK_FOLDERS, '\\.spec\\.ts$'] },
      to: { path: 'node_modules/(@nestjs|typeorm|bullmq|ioredis|pg|express)/' },
    },
    {
      name: 'pure-core-imports-pure-core',
      comment: 'A pure module that imports a service, entity or repository drags the framework in with it.',
      severity: 'error',
      from: { path: '^src/', pathNot: [FRAMEWORK_ROLE, FRAMEWORK_FOLDERS, '\\.spec\\.ts$'] },
      to: { path: [FRAMEWORK_ROLE, FRAMEWORK_FOLDERS] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: ['\\.spec\\.ts$', '^src/console/web/', '^src/database/migrations/', '^src/database/entities\\.ts$'] },
  },
};
