// Only the architecture rules that the type checker and dependency-cruiser cannot see: where SQL
// and process.env may appear. Formatting and style are left to review.
import typescriptParser from '@typescript-eslint/parser';

const SQL_OUTSIDE_REPOSITORY = {
  selector: "CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository|transaction)$/]",
  message: 'SQL and transactions live in repositories (*.repository.ts) or src/database/; services call a repository.',
};
const ORM_INJECTION = {
  selector: "Decorator[expression.callee.name=/^(InjectDataSource|InjectRepository|InjectEntityManager)$/]",
  message: 'Only repositories and src/database/ get the data source.',
};
const ENVIRONMENT = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Configuration is read and validated once, in src/config/configuration.ts.',
};

export default [
  { ignores: ['src/**/*.spec.ts', 'src/**/*.test-builders.ts', 'src/database/migrations/**'] },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parser: typescriptParser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    rules: { 'no-restricted-syntax': ['error', SQL_OUTSIDE_REPOSITORY, ORM_INJECTION, ENVIRONMENT] },
  },
  {
    // Readers run the lender's own declared query against the lender's database, not ours.
    files: ['src/**/*.repository.ts', 'src/database/**/*.ts', 'src/connectors/readers/*.reader.ts'],
    rules: { 'no-restricted-syntax': ['error', ENVIRONMENT] },
  },
  {
    files: ['src/config/configuration.ts', 'src/main*.ts', 'src/bootstrap/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', SQL_OUTSIDE_REPOSITORY, ORM_INJECTION] },
  },
];
