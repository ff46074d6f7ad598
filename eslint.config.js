// Layering rules: who may import whom (see DESIGN.md). A folder importing what it may not fails the lint.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'https', 'module', 'net', 'os', 'path', 'process', 'stream', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads',
  'zlib'
]
const restrict = (message, names, patterns) => ({
  'no-restricted-imports': ['error', {
    paths: names.map((name) => ({ name, message })),
    patterns: patterns.map((group) => ({ group: [group], message }))
  }]
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'artifacts/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      ...restrict(
        'src/shared is pure TypeScript: no Electron, Node built-ins, MQTT, React or code from other layers.',
        ['electron', 'mqtt', 'react', 'react-dom', 'zustand', 'electron-store', 'ws', ...nodeBuiltins],
        ['node:*', '**/main/**', '**/renderer/**', '**/preload/**', '**/server/**', 'electron/*', 'mqtt/*']
      ),
      'no-restricted-globals': ['error', 'Buffer', 'process', 'require', '__dirname', '__filename', 'window', 'document']
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      'The renderer talks to main only through the contract in src/shared and its api service.',
      ['electron', 'mqtt', 'electron-store', 'ws', ...nodeBuiltins],
      ['node:*', '**/main/**', '**/server/**', '**/preload/index*', 'electron/*', 'mqtt/*']
    )
  },
  {
    files: ['src/renderer/src/**/*.{ts,tsx}'],
    ignores: ['src/renderer/src/services/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'main', message: 'Only src/renderer/src/services touches the bridge.' }],
      'no-restricted-properties': ['error', { object: 'window', property: 'main', message: 'Only src/renderer/src/services touches the bridge.' }]
    }
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(
      'The preload imports only electron and src/shared.',
      ['mqtt', 'react', 'electron-store', 'ws', ...nodeBuiltins],
      ['node:*', '**/main/**', '**/renderer/**', '**/server/**']
    )
  },
  {
    files: ['src/main/**/*.ts', 'src/server/**/*.ts'],
    rules: restrict('Main and server never import the renderer.', [], ['**/renderer/**', '**/preload/**'])
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/external.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[property.name='openExternal']",
        message: 'Open external links only through src/main/external.ts (http/https only).'
      }]
    }
  }
)
