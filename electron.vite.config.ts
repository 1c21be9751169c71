/**
 * electron-vite builds the three parts of the desktop app:
 *
 *  - main    electron/main/index.ts     → out/main/index.js   ESM (package.json "type": "module").
 *            Everything is bundled except Electron, Node built-ins and better-sqlite3, a native
 *            addon that must stay a real node_modules package (electron-builder rebuilds it for
 *            Electron's ABI and unpacks its .node file from the asar).
 *  - preload electron/preload/index.ts  → out/preload/index.cjs, one self-contained CommonJS
 *            file: a sandboxed preload can neither be ESM nor `require` anything but Electron's
 *            own modules, so core/api.ts and zod are bundled into it.
 *  - renderer renderer/index.html       → out/renderer, with the renderer's own Vite settings
 *            (renderer/vite.config.ts), so browser mode and the window run the same bundle;
 *            plus the 3D snapshot page the design report uses.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import rendererConfig, { rendererInputs } from './renderer/vite.config';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: false,
      lib: { entry: resolve(root, 'electron/main/index.ts'), formats: ['es'] },
      rolldownOptions: {
        // playwright-core and vite are reached only from the CLI's and browser mode's paths
        // (headless Chromium printing, building the renderer); the app injects Electron's own
        // printer and 3D renderer, so they never load there and are not bundled.
        external: ['better-sqlite3', 'playwright-core', 'vite'],
        output: { entryFileNames: 'index.js' },
      },
      sourcemap: true,
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      lib: { entry: resolve(root, 'electron/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: {
        output: { entryFileNames: 'index.cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: resolve(root, 'renderer'),
    build: {
      ...rendererConfig.build,
      outDir: resolve(root, 'out/renderer'),
      // The app window and the report's 3D snapshot page (renderer/src/snapshot3d).
      rolldownOptions: { input: rendererInputs },
    },
  },
});
