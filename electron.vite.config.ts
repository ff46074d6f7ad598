import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: { outDir: 'out/main' }
  },
  preload: {
    // Sandboxed preloads cannot require() our modules, so everything is bundled into one file.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } }
    }
  },
  renderer: {
    root: 'src/renderer',
    // index.html links resources/icon.svg as its favicon (bundled as an asset); the installers' icons stay out.
    publicDir: false,
    resolve: { alias: { '@shared': resolve('src/shared') } },
    build: { outDir: 'out/renderer' },
    plugins: [react()]
  }
})
