// Guardrails in config: type-aware rules, no floating promises, and the import rule of the
// design (only the Electron adapters may import 'electron').
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ELECTRON_PATHS = [
  {
    name: 'electron',
    message: "Only main/index.ts, main/electron/* and preload/index.ts may import 'electron'.",
  },
  // Both need Electron at run time: the core gets storage and logging through common/ports.ts.
  ...['electron-store', 'electron-log', 'electron-log/main', 'electron-log/node'].map((name) => ({
    name,
    message: `Only main/index.ts and main/electron/* may import '${name}'; the core uses the ports in common/ports.ts.`,
  })),
  {
    name: 'electron-updater',
    message: "Only main/electron/updater.ts loads 'electron-updater' (it imports electron), lazily, after the first window.",
  },
];

/** no-restricted-imports: never 'electron', and none of the given layers (import paths). */
const imports = (forbidden = [], message = '') => ({
  'no-restricted-imports': [
    'error',
    { paths: ELECTRON_PATHS, ...(forbidden.length > 0 ? { patterns: [{ group: forbidden, message }] } : {}) },
  ],
});

const electronImportBan = imports();

/**
 * The renderer is a sandboxed page that reaches main only through window.grimoire. It may
 * not import any program's code, nor Node; from common/ and preload/ it takes types only,
 * as `import type` (an inline `{ type X }` would still load the module), so no value of
 * theirs (zod with the schemas, say) ends up in the page's bundle.
 */
const rendererImports = {
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: ELECTRON_PATHS,
      patterns: [
        {
          group: ['**/main', '**/main/**', '**/relay', '**/relay/**', '**/emulator', '**/emulator/**', '**/scripts/**', 'node:*'],
          message: 'The renderer reaches the main process only through window.grimoire: it imports no code of main/, relay/, emulator/ or Node.',
        },
        {
          group: ['**/common', '**/common/**', '**/preload', '**/preload/**'],
          allowTypeImports: true,
          message: 'The renderer imports only types from common/ and preload/ (import type); a value would bundle their code into the page.',
        },
      ],
    },
  ],
  '@typescript-eslint/no-import-type-side-effects': 'error',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...electronImportBan,
    },
  },
  {
    // The cold-start floors are minimal main bundles, measured beside the app's own.
    files: ['main/index.ts', 'main/electron/**/*.ts', 'preload/index.ts', 'scripts/bench/cold-start/floor-*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests are free to use the real libraries (electron-updater's feed parsing against a
    // loopback feed, electron-store with stand-ins for Electron); 'electron' itself cannot load.
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ELECTRON_PATHS.filter((path) => path.name === 'electron') }] },
  },
  // The layers (DESIGN.md §2): the relay and the emulator are programs of their own and share
  // code with the app only through common/; common/ depends on none of them.
  {
    files: ['relay/**/*.ts', 'emulator/**/*.ts'],
    rules: imports(['**/main', '**/main/**', '**/renderer/**', '**/preload/**'], 'relay/ and emulator/ import only common/ (shared code), never the app.'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: rendererImports,
  },
  {
    files: ['common/**/*.ts'],
    rules: imports(['**/main', '**/main/**', '**/renderer/**', '**/preload/**', '**/relay/**', '**/emulator/**'], 'common/ is shared by every program and imports none of them.'),
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { process: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly', setImmediate: 'readonly', console: 'readonly', globalThis: 'readonly' } },
  },
);
