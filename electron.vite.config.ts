import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { contentSecurityPolicy } from './src/shared/security/contentSecurityPolicy'

// index.html gets its policy from the one CSP builder. The window (IPC only) and the headless server
// (sockets to its own host) also send it as a header, which narrows connect-src further.
const contentSecurityPolicyMeta: Plugin = {
  name: 'content-security-policy-meta',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(['ws:', 'wss:'], 'meta') }, injectTo: 'head-prepend' }
  ]
}

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
    plugins: [react(), contentSecurityPolicyMeta]
  }
})
