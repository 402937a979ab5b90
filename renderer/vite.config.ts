/**
 * One web build for the desktop window (loaded from a file) and the browser (served by the relay at `/`):
 * relative asset paths (`base: './'`) make both work.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// Vite runs this file in Node, but it lives in renderer/ whose tsconfig has no Node types: URL paths only.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    sourcemap: true,
  },
  worker: { format: 'es' },
});
