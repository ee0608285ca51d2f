import { defineConfig } from 'vite';

// A static site: relative asset paths so dist/ works from any web server or sub-path, the
// simulation worker as an ES module, and the dev/preview servers on loopback only.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 4000, emptyOutDir: true },
  server: { host: '127.0.0.1', strictPort: false },
  preview: { host: '127.0.0.1' },
});
