/**
 * What the rest of the app may ask of the 3D view while it is mounted (the F key, the debug hook)
 * without importing three.js: the view registers its functions here when it mounts and removes
 * them when it unmounts. Keeps three.js in the lazily loaded 3D chunk.
 */

export interface RenderInfo {
  /** Draw calls and triangles of the last rendered frame (gl.info.render, captured after it). */
  drawCalls: number;
  triangles: number;
  /** Racks and device faces the view holds for the room shown. */
  racks: number;
  devices: number;
  /** Frames rendered since the view mounted: stays put while nothing changes (render on demand). */
  frames: number;
}

export interface View3dHandle {
  focusSelection(): void;
  resetView(): void;
  renderInfo(): RenderInfo;
  /** Requests a frame, waits until it is rendered and returns its CPU time (and with the GPU flushed). */
  frame(): Promise<{ ms: number; gpuMs: number }>;
  /**
   * Where a rack is on the page (client pixels): the centre of its roof (what a click from above
   * hits), or of its box; null when it is out of view.
   */
  screenPoint(rackId: string, where?: 'roof' | 'centre'): { x: number; y: number } | null;
}

let current: View3dHandle | null = null;

export function registerView3d(handle: View3dHandle): () => void {
  current = handle;
  return () => {
    if (current === handle) current = null;
  };
}

export function view3d(): View3dHandle | null {
  return current;
}

export interface PlenumDebug {
  renderInfo(): RenderInfo | null;
  frame(): Promise<{ ms: number; gpuMs: number } | null>;
  screenPoint(rackId: string, where?: 'roof' | 'centre'): { x: number; y: number } | null;
}

declare global {
  interface Window {
    /** Browser mode and dev builds only: hooks for the e2e tests and the render bench. */
    plenumDebug?: PlenumDebug & Record<string, unknown>;
  }
}

/** Installs `window.plenumDebug.renderInfo()` and `.frame()`, keeping what others put there. */
export function installDebugHooks(): void {
  window.plenumDebug = {
    ...window.plenumDebug,
    renderInfo: () => current?.renderInfo() ?? null,
    frame: () => current?.frame() ?? Promise.resolve(null),
    screenPoint: (rackId: string, where?: 'roof' | 'centre') => current?.screenPoint(rackId, where) ?? null,
  };
}
