import { resolve } from 'node:path'
import { defineConfig } from 'vite'

// `npm run bench`: the bench scripts as Node ESM bundles in out/bench (dependencies stay in node_modules).
export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: 'out/bench',
    target: 'node20',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        run: 'bench/run.ts',
        publisher: 'bench/publisher.ts',
        subscriber: 'bench/subscriber.ts',
        ingest: 'bench/ingest.ts',
        memory: 'bench/memory.ts',
        clear: 'bench/clear.ts',
        decode: 'bench/decode.ts',
        search: 'bench/search.ts',
        series: 'bench/series.ts',
        replay: 'bench/replay.ts',
        openRecording: 'bench/openRecording.ts',
        ui: 'bench/ui.ts',
        uiPublisher: 'bench/uiPublisher.ts'
      },
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunk-[name]-[hash].js' }
    }
  }
})
