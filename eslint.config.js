// Layering rules: who may import whom (see DESIGN.md). A folder importing what it may not fails the lint.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'https', 'module', 'net', 'os', 'path', 'process', 'stream', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads',
  'zlib'
]
// Globals src/shared may not use: Node's, and the browser's that Node lacks (window, document, localStorage…).
const nodeGlobals = ['Buffer', 'process', 'require', 'module', 'exports', 'global', '__dirname', '__filename', 'setImmediate', 'clearImmediate']
const domGlobals = [
  ...Object.keys(globals.browser).filter((name) => !Object.hasOwn(globals['shared-node-browser'], name)),
  // Newer Node versions have these too, but they are the page's, not something shared code may assume.
  'localStorage', 'sessionStorage', 'navigator'
]
const restrict = (message, names, patterns) => ({
  'no-restricted-imports': ['error', {
    paths: names.map((name) => ({ name, message })),
    patterns: patterns.map((group) => ({ group: [group], message }))
  }]
})

// Restrictions that keep the renderer's seams closed; blocks below combine them into one rule per file.
const bridgeMessage = 'Only src/renderer/src/services reaches main: call a services/<domain> module or a store action.'
const bridgeOnlyInServices = {
  paths: [],
  patterns: [{ regex: '(^|/)services/(api|transport)(/.*)?$', message: bridgeMessage }]
}
const indexMessage = 'A feature is reached only through its index file (features/<name>/index.ts).'
const featuresThroughIndex = { paths: [], patterns: [{ regex: '(^|/)features/[^/]+/(?!index$).+', message: indexMessage }] }
// From a file in features/<name>/, `../other/File` is another feature's inside (features are one level deep).
const siblingFeaturesThroughIndex = { paths: [], patterns: [{ regex: '^\\.\\./(?!\\.)[^/]+/(?!index$).+', message: indexMessage }] }
const storesImportNoViews = {
  paths: [],
  patterns: [{ regex: '(^|/)(components|features)(/.*)?$', message: 'Stores hold state and actions; they import no components or features.' }]
}
const preloadMessage = 'The preload imports the contract\'s names (shared/contract/bridge), not zod or its schemas.'
const seams = (...sets) => ({
  '@typescript-eslint/no-restricted-imports': ['error', {
    paths: sets.flatMap((set) => set.paths),
    patterns: sets.flatMap((set) => set.patterns)
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
        ['node:*', '**/main/**', '**/renderer/**', '**/preload/**', '**/server/**', 'electron/*', 'mqtt/*', 'zustand/*', 'react/*', 'react-dom/*']
      ),
      'no-restricted-globals': ['error', ...nodeGlobals, ...domGlobals]
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
  },
  // React: the Rules of Hooks and the compiler's rules, as the plugin recommends them.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended
  },
  // Size: a file over 300 lines is a hint that it does more than one thing.
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['warn', { max: 300 }] }
  },
  // Renderer seams (one rule, @typescript-eslint/no-restricted-imports, so the layering rules above stay
  // as they are): only services/ reaches the bridge, stores import no views, features meet at their index.
  {
    files: ['src/renderer/src/**/*.{ts,tsx}'],
    ignores: ['src/renderer/src/services/**', 'src/renderer/src/test/**'],
    rules: seams(bridgeOnlyInServices, featuresThroughIndex)
  },
  {
    files: ['src/renderer/src/features/**/*.{ts,tsx}'],
    rules: seams(bridgeOnlyInServices, featuresThroughIndex, siblingFeaturesThroughIndex)
  },
  {
    files: ['src/renderer/src/stores/**/*.{ts,tsx}'],
    rules: seams(bridgeOnlyInServices, storesImportNoViews)
  },
  // The preload carries the contract's names, not its schemas (bridge.ts and names.ts import no zod).
  {
    files: ['src/preload/**/*.ts'],
    rules: seams({
      paths: [{ name: 'zod', message: preloadMessage }],
      patterns: [{ regex: '(^|/)shared/contract(/index)?$', allowTypeImports: true, message: preloadMessage }]
    })
  }
)
