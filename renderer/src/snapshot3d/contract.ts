/**
 * What the 3D snapshot page (renderer/src/snapshot3d/index.html) offers the process that drives
 * it: headless Chromium for the CLI and browser mode (electron/report/snapshot3d.ts), a hidden
 * window in the app (electron/main/snapshot3d-electron.ts). Types only: both sides import them.
 *
 * The page loads no project and talks to no API: the driver hands it a snapshot through
 * `window.plenumSnapshot3d` (page.evaluate / executeJavaScript, never the page's own scripts), so
 * the page keeps the app's strict CSP.
 */
import type { DocumentSnapshot } from '../../../core/model/schema';

/** The path of the page inside the built renderer (out/renderer). */
export const SNAPSHOT3D_PAGE = 'src/snapshot3d/index.html';

export interface Snapshot3dSize {
  /** CSS pixels of the picture (the canvas renders at device pixel ratio 1). */
  width: number;
  /** The most it may be: a wide room gets a shorter picture (pose.ts snapshotPose). */
  height: number;
}

/** Which corner of the plan the camera looks from (plan y runs down the page). */
export type PlanCorner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface Snapshot3dResult {
  /** `data:image/png;base64,…` of the canvas. */
  dataUrl: string;
  width: number;
  height: number;
  corner: PlanCorner;
  /** Racks and device faces drawn (what a test can check the picture against). */
  racks: number;
  devices: number;
  /** Time spent in the page for this room, milliseconds. */
  ms: number;
}

export interface Snapshot3dApi {
  /** Keeps the snapshot for the rooms to come (sent once: it can be megabytes). */
  load(snapshot: DocumentSnapshot): void;
  /** Renders one room of the loaded snapshot and resolves after its first full frame. */
  render(roomId: string, size: Snapshot3dSize): Promise<Snapshot3dResult>;
  /** Why WebGL is unusable, or null when a context could be made. */
  webglError(): string | null;
}

declare global {
  interface Window {
    plenumSnapshot3d?: Snapshot3dApi;
  }
}
