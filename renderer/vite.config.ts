/**
 * One web build for the desktop window (loaded from a file) and the browser (served by the relay at `/`):
 * relative asset paths (`base: './'`) make both work.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
// Vite runs this file in Node, but it lives in renderer/ whose tsconfig has no Node types: URL paths only.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: './',
  plugins: [
    react(),
    // The browser version's service worker (renderer/sw/sw.ts, built to dist/sw.js): Workbox precaches
    // every file of the build by revision. main.tsx registers it; nothing is injected into index.html.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html}'],
        // The export worker and the editor chunk are larger than Workbox's 2 MiB default allows for.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
    }),
  ],
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    sourcemap: true,
  },
  worker: { format: 'es' },
  // Each build's own id (renderer/src/versions/keptVersionDocuments.ts keys what it keeps by it).
  define: { __SOA_BUILD_ID__: JSON.stringify(`${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`) },
});
