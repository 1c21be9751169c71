/**
 * Vite config for the renderer, used as is by `npm run build:renderer` (browser mode, served by
 * `plenum serve`) and imported by electron.vite.config.ts for the Electron window. Both load the
 * same root/index.html and produce the same bundle in out/renderer.
 */
// eslint-disable-next-line no-restricted-imports -- build config runs in Node, never in the renderer
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';

export const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
export const rendererOutDir = fileURLToPath(new URL('../out/renderer', import.meta.url));
/**
 * The pages of the bundle: the app, and the 3D snapshot page the design report draws each room
 * with (src/snapshot3d; out/renderer/src/snapshot3d/index.html), sharing the 3D view's chunks.
 */
export const rendererInputs = {
  main: fileURLToPath(new URL('./index.html', import.meta.url)),
  snapshot3d: fileURLToPath(new URL('./src/snapshot3d/index.html', import.meta.url)),
};

/**
 * index.html carries the production CSP. The dev server needs an inline React Refresh preamble and
 * a websocket for HMR, so only `vite serve` relaxes it; builds keep the strict policy untouched.
 */
function devCsp(): Plugin {
  return {
    name: 'plenum-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:* http://127.0.0.1:*");
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: rendererOutDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { input: rendererInputs },
  },
  server: { host: '127.0.0.1' },
});
