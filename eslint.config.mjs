// ESLint flat config: typed rules for all TypeScript, React rules for the renderer, and the folder
// boundaries of docs/style.md §7.17 as `no-restricted-imports` (a rule here is cheaper than a review).
//
// Type information needs TypeScript's JavaScript API, which TypeScript 7.0 no longer ships;
// typescript-eslint reads it from TypeScript 6.0 (the last JS release, same checker), so
// `typescript` stays on 6.0 until typescript-eslint's native backend leaves its experimental stage.
import js from '@eslint/js'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts']
/**
 * Test files and the helpers only tests (and benchmarks) may import. The one convention for
 * helpers: a `testing/` folder beside the code it serves, with any fixtures inside it.
 */
const TEST_FILES = [
  'src/**/*.test.ts',
  'e2e/**',
  'bench/**/*.test.ts',
  'src/**/*.test.tsx',
  'src/**/testing/**'
]

/** The only main-process files that may import electron; the rest also runs headless. */
const ELECTRON_MAIN = ['src/main/electron/**', 'src/main/index.ts']
const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'net',
  'http'
]
const testHelpers = {
  group: ['**/testing', '**/testing/**'],
  message: 'Production code never imports test helpers (testing/ folders).'
}
const electron = {
  group: ['electron', 'electron/*'],
  message: 'Only src/main (outside the pipeline) and src/preload talk to Electron.'
}
const electronBelowApp = {
  ...electron,
  message: 'Only src/main/electron and the entry import electron (the rest runs headless).'
}
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC lives only in the IPC bridge (src/main/electron/ipc-bridge.ts) and the preload.'
}

/**
 * `no-restricted-imports` for one folder: `patterns` hold for every file there, and production
 * files (not tests, not test helpers) additionally may not import test helpers. ESLint keeps only
 * the last matching setting of a rule, so each folder states its complete list.
 */
function boundary(files, patterns, { paths = [], ignores = [] } = {}) {
  const rule = (groups) => ['error', { patterns: groups, paths }]
  return [
    { files, ignores, rules: { 'no-restricted-imports': rule(patterns) } },
    {
      files,
      ignores: [...ignores, ...TEST_FILES],
      rules: { 'no-restricted-imports': rule([...patterns, testHelpers]) }
    }
  ]
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      '.test-artifacts/',
      '.ci/electronegativity/node_modules/',
      'src/main/sources/testing/fixtures/',
      // AssemblyScript (its own types: i32, load/store), checked by its compiler in build-wasm.
      'src/wasm/'
    ]
  },
  js.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } }
  },
  {
    files: TS,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      // `_`-prefixed names are deliberately unused (callback shapes, destructuring to omit).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
      ],
      // Fire-and-forget is allowed when written `void promise`; a bare floating promise is not.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      // Async callbacks handed to emitters and timers are our common, deliberate pattern.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // `async` on a method that does not await is how an interface's promise contract is kept
      // (a throw becomes a rejection), not a mistake.
      '@typescript-eslint/require-await': 'off',
      // Aborts reject with `signal.reason`, which is typed `any` but is the caller's Error.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true }
      ],
      // `KnownCode | string` documents the expected values while accepting newer ones.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // Comment text is untrusted: stripping control characters with a regex is deliberate.
      'no-control-regex': 'off'
    }
  },
  {
    // Tests read JSON replies and fixtures as `any` on purpose; the assertions are the check.
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off'
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ...react.configs.flat.recommended,
    ...react.configs.flat['jsx-runtime'],
    languageOptions: {
      ...react.configs.flat.recommended.languageOptions,
      globals: { ...globals.browser }
    },
    settings: { react: { version: 'detect' } }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn'
    }
  },
  // Folder boundaries (docs/style.md §7.17).
  ...boundary(
    ['src/main/**'],
    [electronBelowApp, { group: ['**/renderer/**'], message: 'main never imports the renderer.' }],
    { ignores: ELECTRON_MAIN }
  ),
  ...boundary(
    // The layers below the app: the app drives them, never the other way round.
    ['src/main/pipeline/**', 'src/main/lifecycle/**', 'src/main/sources/**', 'src/main/scaling/**'],
    [
      electronBelowApp,
      { group: ['**/renderer/**'], message: 'main never imports the renderer.' },
      {
        group: ['**/app/*'],
        message: 'Layers below the app never import main/app.'
      }
    ]
  ),
  ...boundary(
    ELECTRON_MAIN,
    [{ group: ['**/renderer/**'], message: 'main never imports the renderer.' }],
    {
      paths: [rawIpc],
      // The bridge owns ipcMain; the entry only hands it over (composition root).
      ignores: ['src/main/electron/ipc-bridge.ts', 'src/main/index.ts']
    }
  ),
  ...boundary(
    ['src/preload/**'],
    [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload sees only src/shared.' }]
  ),
  ...boundary(
    ['src/workers/**'],
    [
      { ...electron, message: 'Workers run in worker threads and child processes: no Electron.' },
      { group: ['**/renderer/**'], message: 'Workers never import the renderer.' }
    ]
  ),
  ...boundary(
    ['src/renderer/**'],
    [
      { ...electron, message: 'The renderer reaches main only through window.api.' },
      {
        group: ['**/main/**', '**/workers/**', '**/preload/index', 'node:*'],
        message: 'The renderer never imports main, workers or Node built-ins.'
      }
    ]
  ),
  ...boundary(
    ['src/shared/**'],
    [
      { group: NODE_BUILTINS, message: 'src/shared runs everywhere: no Node built-ins.' },
      { ...electron, message: 'src/shared runs everywhere: no Electron.' },
      { group: ['react', 'react-dom', 'react/*'], message: 'src/shared has no UI.' },
      {
        group: ['**/main/**', '**/renderer/**', '**/workers/**', '**/preload/**'],
        message: 'src/shared depends on nothing else in src/.'
      }
    ]
  ),
  {
    // src/shared may not touch the DOM either.
    files: ['src/shared/**'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'HTMLElement'].map((name) => ({
          name,
          message: 'src/shared runs everywhere: no DOM.'
        }))
      ]
    }
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked]
  }
)
