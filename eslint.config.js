import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const appImports = {
  group: ['**/designer/**', '**/runtime-ui/**', '@opsflux/designer', '@opsflux/runtime-ui'],
  message: 'The engine never imports the apps.',
};
const engineImports = {
  group: ['**/engine/**', '@opsflux/engine', '@opsflux/engine/*'],
  message: 'Apps and plugins talk to the engine over HTTP or the plugin API only.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'scratch/**',
      'bench/results/**',
      'engine/test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  { files: ['engine/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [appImports] }] } },
  {
    files: ['designer/**/*.{ts,tsx}', 'runtime-ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [engineImports] }] },
  },
  {
    files: ['runtime-ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            engineImports,
            { group: ['**/designer/**', '@opsflux/designer'], message: 'The runtime UI never imports the designer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['plugins/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [pluginEngineImports(), appImports] }] },
  },
  {
    // A plugin's tests boot a real engine through the test harness, as the engine's own do.
    files: ['plugins/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [pluginEngineImports('engine/test/harness\\.ts'), appImports] }],
    },
  },
);

/** The engine, but for its plugin API (and the paths given, as a regular expression). */
function pluginEngineImports(allowed) {
  const also = allowed ? `(?!(.*/)?${allowed}$)` : '';
  return {
    regex: `^(?!@opsflux/engine/plugin$)${also}(@opsflux/engine(/.*)?|(.*/)?engine/.*)$`,
    message: 'Plugins import only the plugin API (@opsflux/engine/plugin) and the language (@opsflux/definitions).',
  };
}
