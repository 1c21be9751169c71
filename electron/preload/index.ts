/**
 * Preload for the main window. It runs sandboxed (`sandbox: true`), so it can `require` nothing
 * but a few Electron modules: electron-vite bundles it, with core/api.ts, into one CommonJS file,
 * out/preload/index.cjs. See bridge.ts for what it exposes and why.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('plenum', createBridge(ipcRenderer));
