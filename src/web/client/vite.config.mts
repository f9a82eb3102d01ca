import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The workplace is built into dist/web and served by the service itself (src/web/web-app.ts).
// Everything is bundled: no font, icon or script comes from the internet (closed networks).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // inline nothing as data: URLs the CSP would have to allow; keep assets as files
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // libraries marked "use client" for server-rendering frameworks; this is a client-only bundle
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
