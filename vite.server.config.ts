import { resolve } from 'node:path'
import { defineConfig } from 'vite'

// The headless server: one Node ESM bundle at out/server/index.js; dependencies stay in node_modules.
export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  publicDir: false,
  build: {
    ssr: 'src/server/index.ts',
    outDir: 'out/server',
    target: 'node20',
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: 'index.js' } }
  }
})
