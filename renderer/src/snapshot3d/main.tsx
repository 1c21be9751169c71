/**
 * The 3D snapshot page: the app's own 3D scene (view3d/Scene.tsx, the same meshes, colours and
 * lights as the 3D view) drawn once per room for the design report, from a fixed overview camera
 * on a print-friendly light background. No project, no API, no toolbar: the driver (headless
 * Chromium or a hidden Electron window) calls `window.plenumSnapshot3d` (contract.ts), waits for
 * the first full frame and takes the canvas as a PNG.
 *
 * One page, one WebGL context for every room: a new room is new props for the same Canvas, so a
 * report of many rooms does not run into the browser's limit on live contexts.
 */
import { Canvas, useThree } from '@react-three/fiber';
import { StrictMode, useEffect, useMemo, useRef, useState } from 'react';
import * as THREE from 'three';
import { createRoot } from 'react-dom/client';
import type { DocumentSnapshot, Room } from '../../../core/model/schema';
import { racksInRoom, selectDevicesByRack } from '../state/selectors';
import { useStore } from '../state/store';
import { view3d } from '../view3d/bridge';
import { colourBy } from '../view3d/colour';
import type { SceneTheme } from '../view3d/Scene';
import { FOV_DEG, Scene } from '../view3d/Scene';
import type { PlanCorner, Snapshot3dApi, Snapshot3dResult, Snapshot3dSize } from './contract';
import { roomCentre, snapshotPose } from './pose';

/**
 * The light theme's scene colours (tokens.css, --view3d-*), with a white background: the picture
 * sits on a white page, and a grey band around the room would print as a box.
 */
const PRINT_THEME: SceneTheme = {
  background: '#ffffff',
  floor: '#f4f5f7',
  tile: '#c9ced6',
  wall: '#8793a3',
  slab: '#9aa2ad',
  accent: '#2b7bd8',
};

const MAX_SIDE = 4096;

interface Job {
  /** A new Scene per job: it places the camera when it mounts, even for the same room again. */
  seq: number;
  room: Room;
  size: Snapshot3dSize;
  corner: PlanCorner;
  /** Towards the camera, level (world x and z), and the room's centre (metres): for the cutaway. */
  towardsCamera: readonly [number, number];
  centre: readonly [number, number];
  /** Settled by <Ready> once the scene of this job is committed. */
  committed: (gl: HTMLCanvasElement, invalidate: () => void) => void;
}

let setJob: ((job: Job) => void) | null = null;
let snapshot: DocumentSnapshot | null = null;
let seq = 0;

/** Placed after the Scene inside the Canvas: its effect runs once the Scene's effects have. */
function Ready({ job }: { job: Job }) {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  const size = useThree((s) => s.size);
  useEffect(() => {
    // The Canvas measures its box first; a frame at the old size would be the wrong picture.
    if (size.width !== job.size.width || size.height !== job.size.height) return;
    cutAway(scene, job);
    job.committed(gl.domElement, invalidate);
  }, [job, gl, scene, invalidate, size.width, size.height]);
  return null;
}

/**
 * The architectural cutaway: the walls (and their doors) between the camera and the room are left
 * out of the picture, as a drawing would, so they do not veil the racks. In the app the user
 * moves round them; a printed picture cannot. A wall piece goes when its outer face turns
 * towards the camera (seen level: the camera looks down on the room from outside a corner).
 */
function cutAway(scene: THREE.Scene, job: Job) {
  const [cx, cz] = job.centre;
  const [vx, vz] = job.towardsCamera;
  for (const name of ['walls', 'doors']) {
    const mesh = scene.getObjectByName(name);
    if (!(mesh instanceof THREE.InstancedMesh)) continue;
    const src = mesh.instanceMatrix.array;
    const kept = new Float32Array(src);
    for (let i = 0; i < mesh.count; i++) {
      const o = i * 16;
      // Columns 0 and 2 of T·R·S are the piece's length and thickness axes, in some order: the
      // shorter one is the normal of its plane.
      const [ax, az, bx, bz, wx, wz] = [src[o]!, src[o + 2]!, src[o + 8]!, src[o + 10]!, src[o + 12]!, src[o + 14]!];
      const [nx, nz] = Math.hypot(ax, az) < Math.hypot(bx, bz) ? [ax, az] : [bx, bz];
      // The normal's sign is unknown: the outer side is the one away from the room's centre.
      const out = nx * (wx - cx) + nz * (wz - cz) >= 0 ? 1 : -1;
      if (out * (nx * vx + nz * vz) > 0) kept.fill(0, o, o + 16);
    }
    // A copy: the Scene's own layout arrays stay as they were.
    mesh.instanceMatrix = new THREE.InstancedBufferAttribute(kept, 16);
    mesh.computeBoundingSphere();
  }
}

function SnapshotView({ job, snap }: { job: Job; snap: DocumentSnapshot }) {
  // The page's own store: the selectors the 3D view uses, on the snapshot it was given.
  const racks = useStore((s) => racksInRoom(s, job.room.id));
  const devicesByRack = useStore(selectDevicesByRack);
  const colouring = useMemo(() => colourBy('role', snap, racks, devicesByRack), [snap, racks, devicesByRack]);
  const labelsRef = useRef<HTMLDivElement>(null);
  return (
    <div style={{ width: job.size.width, height: job.size.height, position: 'relative' }}>
      <Canvas
        frameloop="demand"
        dpr={1}
        camera={{ fov: FOV_DEG, near: 0.05, far: 5000, position: [10, 10, 10] }}
        // preserveDrawingBuffer: the canvas is read back after the frame (toDataURL).
        gl={{ antialias: true, preserveDrawingBuffer: true, powerPreference: 'low-power' }}
      >
        <Scene key={job.seq} room={job.room} snapshot={snap} racks={racks} devicesByRack={devicesByRack} colouring={colouring} theme={PRINT_THEME} labelsRef={labelsRef} />
        <Ready job={job} />
      </Canvas>
      <div ref={labelsRef} hidden />
    </div>
  );
}

function Root() {
  const [job, setJobState] = useState<Job | null>(null);
  const snap = useStore((s) => s.snapshot);
  useEffect(() => {
    setJob = setJobState;
    return () => {
      setJob = null;
    };
  }, []);
  if (!job || !snap) return null;
  return <SnapshotView job={job} snap={snap} />;
}

function webglError(): string | null {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return 'WebGL is not available in this browser (no GPU and no software renderer)';
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return null;
  } catch (e) {
    return `WebGL failed: ${(e as Error).message}`;
  }
}

const api: Snapshot3dApi = {
  load(snap) {
    snapshot = snap;
    // No labels: they are HTML over the canvas and would not be in the picture anyway.
    useStore.setState({ snapshot: snap, selection: null, view3d: { devices: true, labels: false, cooling: true, power: true, colourBy: 'role' } });
  },
  webglError,
  async render(roomId, size) {
    const t0 = performance.now();
    const snap = snapshot;
    if (!snap) throw new Error('no snapshot loaded');
    const room = snap.rooms[roomId];
    if (!room) throw new Error(`no room ${roomId}`);
    const width = Math.max(16, Math.min(MAX_SIDE, Math.round(size.width)));
    const maxHeight = Math.max(16, Math.min(MAX_SIDE, Math.round(size.height)));
    const racks = racksInRoom(useStore.getState(), roomId);
    const { pose, corner, height } = snapshotPose(room, racks, Object.values(snap.floorEquipment).filter((f) => f.roomId === roomId), FOV_DEG, width, maxHeight);
    // The Scene starts from the session's camera when it is for its room: that is how the fixed
    // camera gets in without touching the 3D view.
    useStore.getState().setCamera3d({ roomId, position: pose.position, target: pose.target });
    const committed = await new Promise<{ canvas: HTMLCanvasElement; invalidate: () => void }>((resolve, reject) => {
      if (!setJob) {
        reject(new Error('the snapshot page is not mounted'));
        return;
      }
      setJob({ seq: ++seq, room, size: { width, height }, corner, towardsCamera: [pose.position[0] - pose.target[0], pose.position[2] - pose.target[2]], centre: roomCentre(room), committed: (canvas, invalidate) => resolve({ canvas, invalidate }) });
    });
    const handle = view3d();
    if (!handle) throw new Error('the 3D scene did not start');
    // Two frames: the first applies the camera the controls were given; the second is drawn with
    // everything in place (and waits for the GPU: frame() reads a pixel back).
    await handle.frame();
    await handle.frame();
    const info = handle.renderInfo();
    const result: Snapshot3dResult = {
      dataUrl: committed.canvas.toDataURL('image/png'),
      width: committed.canvas.width,
      height: committed.canvas.height,
      corner,
      racks: info.racks,
      devices: info.devices,
      ms: Math.round(performance.now() - t0),
    };
    return result;
  },
};

window.plenumSnapshot3d = api;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
