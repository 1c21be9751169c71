/**
 * The three.js content of the 3D view, inside the react-three-fiber Canvas. One InstancedMesh per
 * kind of thing (rack frames, rack fronts, device faces, floor equipment, obstacles, walls, door
 * openings, aisle hints) plus the floor, the slab edge and the selection highlight: about a dozen
 * draw calls whatever the size of the hall. Nothing animates on its own: the Canvas renders on
 * demand and every change here calls invalidate().
 */
import type { ThreeEvent } from '@react-three/fiber';
import { addAfterEffect, useFrame, useThree } from '@react-three/fiber';
import { CameraControls } from '@react-three/drei';
import type { RefObject } from 'react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import type { Device, DocumentSnapshot, Rack, Room } from '../../../core/model/schema';
import { selectEntity } from '../app/navigation';
import type { SelectionKind } from '../state/sessionSlice';
import { useStore } from '../state/store';
import type { RenderInfo } from './bridge';
import type { EnvironmentVerdict } from '../../../core/capacity/environment';
import { layoutSensors, SENSOR_3D_MM, SENSOR_COLOURS } from '../sensors/sensor3d';
import { registerView3d } from './bridge';
import type { Colouring } from './colour';
import { DEVICE_NEUTRAL, FLOOR_EQUIPMENT_COLOURS, RACK_NEUTRAL } from './colour';
import type { Bounds, CameraPose } from './layout';
import {
  COOLING_KINDS, DEFAULT_TILE_MM, FACE_DEPTH_MM, MATRIX_FLOATS, POWER_KINDS, aisleHints, deviceFace, footprintBounds, framePose,
  dominantFrontDeg, frontViewDirection, layoutDevices, layoutFootprints, layoutRacks, layoutWallPieces, layoutWalls, localToWorld, obstacleHeightMm,
  overviewPose, rackHeightMm, roomContent, roomOutline, unionBounds, writeBoxMatrix, yawOf,
} from './layout';

export const FOV_DEG = 45;
const MM = 0.001;
const DRAG_PX = 5;
const MAX_LABELS = 40;
const LABEL_FADE_M = 40;

export interface SceneTheme {
  background: string;
  floor: string;
  tile: string;
  wall: string;
  slab: string;
  accent: string;
}

export interface SceneProps {
  /** The text of a rack's label (its name, and its overlay value when an overlay is on). */
  labelText?: ((rack: Rack) => string) | undefined;
  room: Room;
  snapshot: DocumentSnapshot;
  racks: readonly Rack[];
  devicesByRack: ReadonlyMap<string, readonly Device[]>;
  colouring: Colouring;
  theme: SceneTheme;
  labelsRef: RefObject<HTMLDivElement | null>;
  /** ASHRAE verdict of each sensor's latest reading (colours the sensors; absent: one neutral colour). */
  sensorVerdicts?: ReadonlyMap<string, EnvironmentVerdict | null> | undefined;
}

// ---------------------------------------------------------------- shared geometry and materials

const UNIT_BOX = new THREE.BoxGeometry(1, 1, 1);
const UNIT_QUAD = new THREE.PlaneGeometry(1, 1);
const UNIT_SPHERE = new THREE.SphereGeometry(0.5, 16, 12);
const PIXEL = new Uint8Array(4);

function useDisposable<T extends { dispose(): void }>(make: () => T, deps: unknown[]): T {
  const value = useMemo(make, deps);
  useEffect(() => () => value.dispose(), [value]);
  return value;
}

/** sRGB hex colours to a linear RGB Float32Array for instanceColor. */
function colourArray(count: number, colourAt: (i: number) => number): Float32Array {
  const out = new Float32Array(count * 3);
  const c = new THREE.Color();
  for (let i = 0; i < count; i++) {
    c.setHex(colourAt(i));
    out[i * 3] = c.r;
    out[i * 3 + 1] = c.g;
    out[i * 3 + 2] = c.b;
  }
  return out;
}

/**
 * An InstancedMesh built from a matrix array (and optional colours). A new array makes a new mesh
 * (the old one and its GPU buffers are disposed): simpler than resizing, and cheap next to the
 * layout work that produced the array.
 */
function useInstanced(material: THREE.Material, matrices: Float32Array, colours: Float32Array | null, name: string, geometry: THREE.BufferGeometry = UNIT_BOX): THREE.InstancedMesh {
  const mesh = useMemo(() => {
    const count = matrices.length / MATRIX_FLOATS;
    const m = new THREE.InstancedMesh(geometry, material, count);
    m.name = name;
    m.instanceMatrix = new THREE.InstancedBufferAttribute(matrices, 16);
    if (colours) m.instanceColor = new THREE.InstancedBufferAttribute(colours, 3);
    m.computeBoundingBox();
    m.computeBoundingSphere();
    return m;
  }, [material, matrices, colours, name, geometry]);
  useEffect(() => () => mesh.dispose(), [mesh]);
  return mesh;
}

// ---------------------------------------------------------------- the scene

export function Scene({ room, snapshot, racks, devicesByRack, colouring, theme, labelsRef, labelText, sensorVerdicts }: SceneProps) {
  const invalidate = useThree((s) => s.invalidate);
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const get = useThree((s) => s.get);
  const controlsRef = useRef<CameraControls | null>(null);
  const options = useStore((s) => s.view3d);
  const selection = useStore((s) => s.selection);

  // ---- content
  const content = useMemo(
    () => roomContent(snapshot, room.id, racks),
    // The room's own collections only: a device edit does not re-read the floor equipment.
    [snapshot.floorEquipment, snapshot.obstacles, snapshot.doors, snapshot.rows, room.id, racks],
  );
  const rackLayout = useMemo(() => layoutRacks(racks), [racks]);
  const deviceLayout = useMemo(
    () => (options.devices ? layoutDevices(racks, devicesByRack, snapshot.deviceTypes) : layoutDevices([], devicesByRack, snapshot.deviceTypes)),
    [options.devices, racks, devicesByRack, snapshot.deviceTypes],
  );
  const equipment = useMemo(
    () => content.floorEquipment.filter((f) => (COOLING_KINDS.has(f.kind) ? options.cooling : POWER_KINDS.has(f.kind) ? options.power : true)),
    [content.floorEquipment, options.cooling, options.power],
  );
  const walls = useMemo(() => layoutWalls(room, content.doors), [room, content.doors]);
  const aisles = useMemo(() => (options.cooling ? aisleHints(content.rows, snapshot.racks) : []), [options.cooling, content.rows, snapshot.racks]);

  // ---- materials (theme-dependent ones are rebuilt with the theme)
  const rackMaterial = useDisposable(() => new THREE.MeshStandardMaterial({ roughness: 0.75, metalness: 0.15 }), []);
  const frontMaterial = useDisposable(() => new THREE.MeshBasicMaterial({ color: new THREE.Color(theme.accent) }), [theme.accent]);
  const deviceMaterial = useDisposable(() => new THREE.MeshStandardMaterial({ roughness: 0.55, metalness: 0.05, side: THREE.DoubleSide }), []);
  const equipmentMaterial = useDisposable(() => new THREE.MeshStandardMaterial({ roughness: 0.6, metalness: 0.1 }), []);
  const obstacleMaterial = useDisposable(() => new THREE.MeshStandardMaterial({ color: 0x9aa3ae, roughness: 0.9 }), []);
  const wallMaterial = useDisposable(
    () => new THREE.MeshStandardMaterial({ color: new THREE.Color(theme.wall), transparent: true, opacity: 0.22, depthWrite: false, side: THREE.DoubleSide }),
    [theme.wall],
  );
  const doorMaterial = useDisposable(() => new THREE.MeshStandardMaterial({ color: 0xc98f45, transparent: true, opacity: 0.6, depthWrite: false }), []);
  const aisleMaterial = useDisposable(() => new THREE.MeshBasicMaterial({ transparent: true, opacity: 0.28, depthWrite: false }), []);
  const highlightMaterial = useDisposable(
    () => new THREE.MeshBasicMaterial({ color: new THREE.Color(theme.accent), transparent: true, opacity: 0.38, depthWrite: false }),
    [theme.accent],
  );

  // ---- instance arrays
  const rackColours = useMemo(() => colourArray(racks.length, (i) => colouring.racks.get(racks[i]!.id) ?? RACK_NEUTRAL), [racks, colouring]);
  const deviceColours = useMemo(
    () => colourArray(deviceLayout.ids.length, (i) => colouring.devices.get(deviceLayout.ids[i]!) ?? DEVICE_NEUTRAL),
    [deviceLayout, colouring],
  );
  const equipmentMatrices = useMemo(() => layoutFootprints(equipment, (i) => equipment[i]!.heightMm), [equipment]);
  const equipmentColours = useMemo(
    () => colourArray(equipment.length, (i) => colouring.equipment?.get(equipment[i]!.id) ?? colouring.equipmentOther ?? FLOOR_EQUIPMENT_COLOURS[equipment[i]!.kind]),
    [equipment, colouring],
  );
  const obstacleMatrices = useMemo(() => layoutFootprints(content.obstacles, (i) => obstacleHeightMm(content.obstacles[i]!, room)), [content.obstacles, room]);
  const wallMatrices = useMemo(() => layoutWallPieces(walls.walls), [walls]);
  const doorMatrices = useMemo(() => layoutWallPieces(walls.openings.map((o) => ({ ...o.piece, thicknessMm: Math.max(40, o.piece.thicknessMm * 0.3) }))), [walls]);
  const aisleMatrices = useMemo(() => {
    const out = new Float32Array(aisles.length * MATRIX_FLOATS);
    aisles.forEach((a, i) => writeBoxMatrix(out, i, a.xMm * MM, 0.004, a.yMm * MM, yawOf(a.rotationDeg), a.widthMm * MM, 0.006, a.depthMm * MM));
    return out;
  }, [aisles]);
  const aisleColours = useMemo(() => colourArray(aisles.length, (i) => (aisles[i]!.kind === 'cold' ? 0x3b82f6 : 0xef4444)), [aisles]);

  const rackMesh = useInstanced(rackMaterial, rackLayout.frames, rackColours, 'racks');
  const frontMesh = useInstanced(frontMaterial, rackLayout.fronts, null, 'rack-fronts');
  const deviceMesh = useInstanced(deviceMaterial, deviceLayout.faces, deviceColours, 'devices', UNIT_QUAD);
  const equipmentMesh = useInstanced(equipmentMaterial, equipmentMatrices, equipmentColours, 'floor-equipment');
  const obstacleMesh = useInstanced(obstacleMaterial, obstacleMatrices, null, 'obstacles');
  const wallMesh = useInstanced(wallMaterial, wallMatrices, null, 'walls');
  const doorMesh = useInstanced(doorMaterial, doorMatrices, null, 'doors');
  const aisleMesh = useInstanced(aisleMaterial, aisleMatrices, aisleColours, 'aisles');
  // Sensors (issue 7): one sphere each, coloured by the ASHRAE verdict of the latest reading.
  const sensorLayout = useMemo(() => layoutSensors(snapshot, room), [snapshot, room]);
  const sensorColours = useMemo(
    () => colourArray(sensorLayout.ids.length, (i) => SENSOR_COLOURS[sensorVerdicts?.get(sensorLayout.ids[i]!) ?? 'none']),
    [sensorLayout, sensorVerdicts],
  );
  const sensorMaterial = useDisposable(() => new THREE.MeshStandardMaterial({ roughness: 0.4, metalness: 0.05 }), []);
  const sensorMesh = useInstanced(sensorMaterial, sensorLayout.matrices, sensorColours, 'sensors', UNIT_SPHERE);
  // Walls and the translucent things draw after the opaque racks, so the racks show through.
  wallMesh.renderOrder = 2;
  aisleMesh.renderOrder = 1;

  // ---- selection highlight: one small instanced mesh, sized to the selection
  const highlightMatrices = useMemo(() => highlightBoxes(selection, snapshot, room.id, devicesByRack), [selection, snapshot, room.id, devicesByRack]);
  const highlightMesh = useInstanced(highlightMaterial, highlightMatrices, null, 'selection');
  highlightMesh.renderOrder = 3;

  // ---- floor and slab
  const floor = useFloor(room, theme);

  useEffect(() => {
    scene.background = new THREE.Color(theme.background);
    invalidate();
  }, [scene, theme.background, invalidate]);

  // Anything that changed the scene asks for one frame.
  useEffect(() => {
    invalidate();
  }, [rackMesh, frontMesh, deviceMesh, equipmentMesh, obstacleMesh, wallMesh, doorMesh, aisleMesh, highlightMesh, sensorMesh, floor, options.labels, labelText, invalidate]);

  // ---- picking
  const pick = useCallback((kind: SelectionKind, id: string | undefined, e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    if (e.delta > DRAG_PX || !id) return;
    const additive = e.nativeEvent.shiftKey || e.nativeEvent.ctrlKey || e.nativeEvent.metaKey;
    const sel = useStore.getState().selection;
    if (additive && sel?.kind === kind) {
      const ids = sel.ids.includes(id) ? sel.ids.filter((x) => x !== id) : [...sel.ids, id];
      selectEntity(kind, ids, { reveal: false });
    } else {
      selectEntity(kind, [id], { reveal: false });
    }
  }, []);
  const onRack = (e: ThreeEvent<MouseEvent>) => pick('rack', e.instanceId === undefined ? undefined : rackLayout.ids[e.instanceId], e);
  const onDevice = (e: ThreeEvent<MouseEvent>) => pick('device', e.instanceId === undefined ? undefined : deviceLayout.ids[e.instanceId], e);
  const onEquipment = (e: ThreeEvent<MouseEvent>) => pick('floorEquipment', e.instanceId === undefined ? undefined : equipment[e.instanceId]?.id, e);
  const onObstacle = (e: ThreeEvent<MouseEvent>) => pick('obstacle', e.instanceId === undefined ? undefined : content.obstacles[e.instanceId]?.id, e);
  const onSensor = (e: ThreeEvent<MouseEvent>) => pick('sensor', e.instanceId === undefined ? undefined : sensorLayout.ids[e.instanceId], e);
  const onFloor = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    if (e.delta > DRAG_PX) return;
    useStore.getState().select({ kind: 'room', ids: [room.id] });
  };

  // ---- camera: restored from the session, saved to it when it comes to rest (never an undo step)
  const size = useThree((s) => s.size);
  const aspect = size.width / Math.max(1, size.height);
  const initialRoom = useRef<string | null>(null);
  useLayoutEffect(() => {
    const controls = controlsRef.current;
    if (!controls || initialRoom.current === room.id) return;
    initialRoom.current = room.id;
    const saved = useStore.getState().camera3d;
    const pose: CameraPose = saved && saved.roomId === room.id
      ? { position: [...saved.position], target: [...saved.target] }
      : overviewPose(room, FOV_DEG, aspect, dominantFrontDeg(racks));
    void controls.setLookAt(...pose.position, ...pose.target, false);
    invalidate();
  }, [room, racks, aspect, invalidate]);

  const saveCamera = useCallback(() => {
    const controls = controlsRef.current;
    if (!controls) return;
    const p = new THREE.Vector3();
    const t = new THREE.Vector3();
    controls.getPosition(p);
    controls.getTarget(t);
    useStore.getState().setCamera3d({ roomId: room.id, position: [p.x, p.y, p.z], target: [t.x, t.y, t.z] });
  }, [room.id]);

  const span = Math.max(room.widthMm, room.depthMm) * MM;

  // ---- what the rest of the app may ask: focus, reset, render info, a timed frame
  const stats = useRef<{ calls: number; triangles: number; ms: number; t0: number; frames: number; waiters: ((r: { ms: number; gpuMs: number }) => void)[] }>({
    calls: 0, triangles: 0, ms: 0, t0: 0, frames: 0, waiters: [],
  });
  useFrame(() => {
    // First subscriber of the frame: start the clock and the draw-call count.
    gl.info.reset();
    stats.current.t0 = performance.now();
  }, -100);
  useEffect(() => {
    gl.info.autoReset = false;
    return addAfterEffect(() => {
      const s = stats.current;
      s.calls = gl.info.render.calls;
      s.triangles = gl.info.render.triangles;
      s.ms = performance.now() - s.t0;
      s.frames++;
      if (s.waiters.length > 0) {
        // Wait for the GPU too, so a bench sees what the frame really cost: reading a pixel back
        // cannot return before the frame is rasterised (finish() alone may return early).
        const ctx = gl.getContext();
        ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, PIXEL);
        const gpuMs = performance.now() - s.t0;
        const waiters = s.waiters.splice(0);
        for (const w of waiters) w({ ms: s.ms, gpuMs });
      }
    });
  }, [gl]);

  const latest = useRef({ rackLayout, deviceLayout, snapshot, selection, room, aspect, racks });
  latest.current = { rackLayout, deviceLayout, snapshot, selection, room, aspect, racks };

  useEffect(() => registerView3d({
    focusSelection: () => {
      const { snapshot: snap, selection: sel, room: r, aspect: a } = latest.current;
      const controls = controlsRef.current;
      if (!controls) return;
      const target = focusTarget(sel, snap, r.id);
      let pose: CameraPose;
      if (!target) {
        pose = overviewPose(r, FOV_DEG, a, dominantFrontDeg(latest.current.racks));
      } else {
        let dir: [number, number, number];
        if (target.direction) {
          dir = target.direction;
        } else if (target.facing !== null) {
          dir = frontViewDirection(target.facing);
        } else {
          const p = new THREE.Vector3();
          const t = new THREE.Vector3();
          controls.getPosition(p);
          controls.getTarget(t);
          const d = t.sub(p).normalize();
          // Keep the heading; look down at least a little so the floor gives context.
          dir = [d.x, Math.min(d.y, -0.35), d.z];
        }
        // One rack: frame it with its neighbours for context; several: just them.
        pose = framePose(target.bounds, dir, FOV_DEG, a, target.facing !== null ? 1.7 : 1.2);
      }
      void controls.setLookAt(...pose.position, ...pose.target, true);
    },
    resetView: () => {
      const { room: r, aspect: a } = latest.current;
      const pose = overviewPose(r, FOV_DEG, a, dominantFrontDeg(latest.current.racks));
      void controlsRef.current?.setLookAt(...pose.position, ...pose.target, true);
    },
    renderInfo: (): RenderInfo => ({
      drawCalls: stats.current.calls,
      triangles: stats.current.triangles,
      racks: latest.current.rackLayout.ids.length,
      devices: latest.current.deviceLayout.ids.length,
      frames: stats.current.frames,
    }),
    frame: () => new Promise((resolve) => {
      stats.current.waiters.push(resolve);
      invalidate();
    }),
    screenPoint: (rackId, where = 'roof') => {
      const rack = latest.current.snapshot.racks[rackId];
      if (!rack || rack.roomId !== latest.current.room.id) return null;
      const v = new THREE.Vector3(rack.xMm * MM, rackHeightMm(rack) * MM * (where === 'roof' ? 1 : 0.5), rack.yMm * MM).project(get().camera);
      if (v.z < -1 || v.z > 1 || Math.abs(v.x) > 1 || Math.abs(v.y) > 1) return null;
      const r = gl.domElement.getBoundingClientRect();
      return { x: r.left + ((v.x + 1) / 2) * r.width, y: r.top + ((1 - v.y) / 2) * r.height };
    },
  }), [invalidate, get, gl]);

  return (
    <>
      <hemisphereLight args={[0xffffff, 0x8a8f99, 1.6]} />
      <directionalLight position={[-0.4 * span, 1.2 * span, 0.8 * span]} intensity={1.6} />
      <directionalLight position={[0.6 * span, 0.5 * span, -0.5 * span]} intensity={0.5} />
      <CameraControls
        ref={controlsRef}
        makeDefault
        minDistance={0.8}
        maxDistance={Math.max(30, span * 4)}
        maxPolarAngle={Math.PI / 2 - 0.03}
        dollyToCursor
        smoothTime={0.22}
        onRest={saveCamera}
        onControlEnd={saveCamera}
      />
      <mesh geometry={floor.top} material={floor.topMaterial} onClick={onFloor} name="floor" />
      <mesh geometry={floor.sides} material={floor.sideMaterial} name="slab" />
      {rackLayout.ids.length > 0 && <primitive object={rackMesh} onClick={onRack} />}
      {rackLayout.ids.length > 0 && <primitive object={frontMesh} onClick={onRack} />}
      {deviceLayout.ids.length > 0 && <primitive object={deviceMesh} onClick={onDevice} />}
      {equipment.length > 0 && <primitive object={equipmentMesh} onClick={onEquipment} />}
      {content.obstacles.length > 0 && <primitive object={obstacleMesh} onClick={onObstacle} />}
      {sensorLayout.ids.length > 0 && <primitive object={sensorMesh} onClick={onSensor} />}
      {aisles.length > 0 && <primitive object={aisleMesh} />}
      {walls.walls.length > 0 && <primitive object={wallMesh} />}
      {walls.openings.length > 0 && <primitive object={doorMesh} />}
      {highlightMatrices.length > 0 && <primitive object={highlightMesh} raycast={noRaycast} />}
      {options.labels && <Labels racks={racks} container={labelsRef} selection={selection} text={labelText} />}
    </>
  );
}

function noRaycast(): void {
  // The highlight must not steal clicks from what it highlights.
}

// ---------------------------------------------------------------- floor

/** The raised floor: its top with a tile-grid texture (one draw call) and the slab's edge. */
function useFloor(room: Room, theme: SceneTheme) {
  const tileMm = room.tileSizeMm ?? DEFAULT_TILE_MM;
  const texture = useDisposable(() => {
    const size = 128;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = theme.floor;
    ctx.fillRect(0, 0, size, size);
    ctx.strokeStyle = theme.tile;
    ctx.lineWidth = 3;
    ctx.strokeRect(0, 0, size, size);
    const tex = new THREE.CanvasTexture(canvas);
    tex.wrapS = THREE.RepeatWrapping;
    tex.wrapT = THREE.RepeatWrapping;
    tex.colorSpace = THREE.SRGBColorSpace;
    tex.anisotropy = 8;
    return tex;
  }, [theme.floor, theme.tile]);
  const topMaterial = useDisposable(() => new THREE.MeshStandardMaterial({ map: texture, roughness: 0.95 }), [texture]);
  const sideMaterial = useDisposable(() => new THREE.MeshStandardMaterial({ color: new THREE.Color(theme.slab), roughness: 1, side: THREE.DoubleSide }), [theme.slab]);
  const top = useDisposable(() => {
    const pts = roomOutline(room);
    const ox = room.tileOriginXMm ?? 0;
    const oy = room.tileOriginYMm ?? 0;
    const contour = pts.map((p) => new THREE.Vector2(p.xMm, p.yMm));
    const tris = THREE.ShapeUtils.triangulateShape(contour, []);
    const positions = new Float32Array(pts.length * 3);
    const uvs = new Float32Array(pts.length * 2);
    const normals = new Float32Array(pts.length * 3);
    pts.forEach((p, i) => {
      positions.set([p.xMm * MM, 0, p.yMm * MM], i * 3);
      uvs.set([(p.xMm - ox) / tileMm, (p.yMm - oy) / tileMm], i * 2);
      normals.set([0, 1, 0], i * 3);
    });
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    g.setAttribute('uv', new THREE.BufferAttribute(uvs, 2));
    g.setAttribute('normal', new THREE.BufferAttribute(normals, 3));
    // Wind every triangle counter-clockwise seen from above, so its front face (and normal) is up.
    const index: number[] = [];
    for (const [a, b, c] of tris as [number, number, number][]) {
      const pa = pts[a]!;
      const pb = pts[b]!;
      const pc = pts[c]!;
      const up = (pb.yMm - pa.yMm) * (pc.xMm - pa.xMm) - (pb.xMm - pa.xMm) * (pc.yMm - pa.yMm);
      if (up >= 0) index.push(a, b, c);
      else index.push(a, c, b);
    }
    g.setIndex(index);
    g.computeBoundingSphere();
    return g;
  }, [room, tileMm]);
  const sides = useDisposable(() => {
    const pts = roomOutline(room);
    const depth = Math.max(150, room.raisedFloorHeightMm ?? 0) * MM;
    const positions: number[] = [];
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i]!;
      const b = pts[(i + 1) % pts.length]!;
      const ax = a.xMm * MM;
      const az = a.yMm * MM;
      const bx = b.xMm * MM;
      const bz = b.yMm * MM;
      positions.push(ax, 0, az, bx, 0, bz, bx, -depth, bz, ax, 0, az, bx, -depth, bz, ax, -depth, az);
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
    g.computeVertexNormals();
    g.computeBoundingSphere();
    return g;
  }, [room]);
  return useMemo(() => ({ top, sides, topMaterial, sideMaterial }), [top, sides, topMaterial, sideMaterial]);
}

// ---------------------------------------------------------------- selection

const HIGHLIGHT_PAD_MM = 30;

/** Boxes around what is selected in this room: racks, device faces, floor equipment, obstacles. */
export function highlightBoxes(
  selection: { kind: SelectionKind; ids: readonly string[]; items?: readonly { kind: string; id: string }[] } | null,
  snap: DocumentSnapshot,
  roomId: string,
  devicesByRack: ReadonlyMap<string, readonly Device[]>,
): Float32Array {
  if (!selection) return new Float32Array(0);
  const items = selection.items ?? selection.ids.map((id) => ({ kind: selection.kind, id }));
  const boxes: number[][] = [];
  const box = (item: { xMm: number; yMm: number; widthMm: number; depthMm: number; rotationDeg: number }, h: number) =>
    boxes.push([item.xMm * MM, (h / 2) * MM, item.yMm * MM, yawOf(item.rotationDeg), (item.widthMm + 2 * HIGHLIGHT_PAD_MM) * MM, (h + HIGHLIGHT_PAD_MM) * MM, (item.depthMm + 2 * HIGHLIGHT_PAD_MM) * MM]);
  for (const { kind, id } of items.slice(0, 2000)) {
    if (kind === 'rack') {
      const rack = snap.racks[id];
      if (rack?.roomId === roomId) box(rack, rackHeightMm(rack));
    } else if (kind === 'device') {
      const d = snap.devices[id];
      const rack = d ? snap.racks[d.rackId] : undefined;
      if (!d || !rack || rack.roomId !== roomId) continue;
      const f = deviceFace(rack, d, snap.deviceTypes[d.typeId], zeroUIndexOf(snap, devicesByRack.get(rack.id) ?? [], d));
      const [x, y, z] = localToWorld(rack, rack.rotationDeg, f.lx, f.ly, f.lz);
      boxes.push([x, y, z, yawOf(rack.rotationDeg), (f.sx + 24) * MM, (f.sy + 24) * MM, (f.sz + FACE_DEPTH_MM) * MM]);
    } else if (kind === 'floorEquipment') {
      const fe = snap.floorEquipment[id];
      if (fe?.roomId === roomId) box(fe, fe.heightMm);
    } else if (kind === 'obstacle') {
      const o = snap.obstacles[id];
      const room = snap.rooms[roomId];
      if (o?.roomId === roomId && room) box(o, obstacleHeightMm(o, room));
    } else if (kind === 'row') {
      const row = snap.rows[id];
      for (const rid of row?.rackIds ?? []) {
        const rack = snap.racks[rid];
        if (rack?.roomId === roomId) box(rack, rackHeightMm(rack));
      }
    } else if (kind === 'sensor') {
      const room = snap.rooms[roomId];
      const layout = room && snap.sensors[id]?.roomId === roomId ? layoutSensors(snap, room) : null;
      const c = layout?.centres[layout.ids.indexOf(id)];
      const d = (SENSOR_3D_MM + 2 * HIGHLIGHT_PAD_MM) * MM;
      if (c) boxes.push([c.xMm * MM, c.zMm * MM, c.yMm * MM, 0, d, d, d]);
    }
  }
  const out = new Float32Array(boxes.length * MATRIX_FLOATS);
  boxes.forEach((b, i) => writeBoxMatrix(out, i, b[0]!, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!, b[6]!));
  return out;
}

/** The same count layoutDevices makes: which 0U device of its rack this is, in the rack's order. */
function zeroUIndexOf(snap: DocumentSnapshot, inRack: readonly Device[], device: Device): number {
  let n = 0;
  for (const d of inRack) {
    if (d.parentDeviceId || snap.deviceTypes[d.typeId]?.uHeight !== 0) continue;
    if (d.id === device.id) return n;
    n++;
  }
  return 0;
}

/** What "focus" frames: the selection's bounds, and the way to face it when it is one rack. */
export function focusTarget(
  selection: { kind: SelectionKind; ids: readonly string[]; items?: readonly { kind: string; id: string }[] } | null,
  snap: DocumentSnapshot,
  roomId: string,
): { bounds: Bounds; facing: number | null; direction?: [number, number, number] } | null {
  if (!selection || selection.kind === 'room' || selection.kind === 'project') return null;
  const items = selection.items ?? selection.ids.map((id) => ({ kind: selection.kind, id }));
  const list: Bounds[] = [];
  const racks: Rack[] = [];
  const room = snap.rooms[roomId];
  // A sensor is looked at from above, on the side it measures (a rack's front for an inlet, its
  // rear for an outlet): a view level with it would stand inside the next row, across a 1.2 m aisle.
  let sensorDirection: [number, number, number] | undefined;
  for (const { kind, id } of items) {
    let rack: Rack | undefined;
    if (kind === 'rack') rack = snap.racks[id];
    else if (kind === 'device') rack = snap.racks[snap.devices[id]?.rackId ?? ''];
    if (rack && rack.roomId === roomId) {
      racks.push(rack);
      list.push(footprintBounds(rack, rackHeightMm(rack)));
    } else if (kind === 'floorEquipment') {
      const fe = snap.floorEquipment[id];
      if (fe?.roomId === roomId) list.push(footprintBounds(fe, fe.heightMm));
    } else if (kind === 'obstacle') {
      const o = snap.obstacles[id];
      if (o?.roomId === roomId && room) list.push(footprintBounds(o, obstacleHeightMm(o, room)));
    } else if (kind === 'row') {
      for (const rid of snap.rows[id]?.rackIds ?? []) {
        const r = snap.racks[rid];
        if (r?.roomId === roomId) list.push(footprintBounds(r, rackHeightMm(r)));
      }
    } else if (kind === 'sensor' && room && snap.sensors[id]?.roomId === roomId) {
      // A sensor is tiny: frame a metre around it, so its rack or wall gives context.
      const layout = layoutSensors(snap, room);
      const c = layout.centres[layout.ids.indexOf(id)];
      if (c) list.push({ min: [(c.xMm - 350) * MM, (c.zMm - 350) * MM, (c.yMm - 350) * MM], max: [(c.xMm + 350) * MM, (c.zMm + 350) * MM, (c.yMm + 350) * MM] });
      const sensor = snap.sensors[id]!;
      const onRack = sensor.rackId ? snap.racks[sensor.rackId] : undefined;
      const th = ((onRack?.rotationDeg ?? 0) + (sensor.placement === 'rack-outlet' ? 180 : 0)) * Math.PI / 180;
      sensorDirection = onRack ? [-0.45 * Math.sin(th), -1, 0.45 * Math.cos(th)] : [0.2, -1, -0.35];
    }
  }
  const bounds = unionBounds(list);
  if (!bounds) return null;
  const single = racks.length === 1 && list.length === 1 ? racks[0]! : null;
  return { bounds, facing: single ? single.rotationDeg : null, ...(list.length === 1 && sensorDirection ? { direction: sensorDirection } : {}) };
}

// ---------------------------------------------------------------- labels

/**
 * Rack names as HTML chips over the canvas (crisp text, zero draw calls): the selected racks and
 * the racks nearest the camera, at most MAX_LABELS in all, placed once per rendered frame by writing to
 * a small pool of elements (no React state per frame).
 */
function Labels({ racks, container, selection, text }: {
  racks: readonly Rack[];
  container: RefObject<HTMLDivElement | null>;
  selection: { kind: SelectionKind; ids: readonly string[] } | null;
  text?: ((rack: Rack) => string) | undefined;
}) {
  const pool = useRef<HTMLDivElement[]>([]);
  const v = useMemo(() => new THREE.Vector3(), []);
  const selected = useMemo(() => new Set(selection?.kind === 'rack' ? selection.ids : []), [selection]);
  useEffect(() => () => {
    for (const el of pool.current) el.remove();
    pool.current = [];
  }, []);
  useFrame(({ camera, size }) => {
    const host = container.current;
    if (!host) return;
    const cam = camera.position;
    const near: { rack: Rack; d: number; sel: boolean }[] = [];
    for (const rack of racks) {
      const d = Math.hypot(rack.xMm * MM - cam.x, rackHeightMm(rack) * MM - cam.y, rack.yMm * MM - cam.z);
      near.push({ rack, d, sel: selected.has(rack.id) });
    }
    near.sort((a, b) => Number(b.sel) - Number(a.sel) || a.d - b.d);
    let used = 0;
    for (const { rack, d, sel } of near) {
      if (used >= MAX_LABELS) break;
      v.set(rack.xMm * MM, (rackHeightMm(rack) + 120) * MM, rack.yMm * MM).project(camera);
      if (v.z < -1 || v.z > 1 || Math.abs(v.x) > 1.05 || Math.abs(v.y) > 1.05) continue;
      let el = pool.current[used];
      if (!el) {
        el = document.createElement('div');
        el.className = 'view3d-label';
        host.appendChild(el);
        pool.current.push(el);
      }
      const label = text ? text(rack) : rack.name;
      if (el.textContent !== label) el.textContent = label;
      el.dataset.rackId = rack.id;
      el.classList.toggle('is-selected', sel);
      const x = ((v.x + 1) / 2) * size.width;
      const y = ((1 - v.y) / 2) * size.height;
      el.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) translate(-50%, -100%)`;
      // Fade the far ones so the near names lead.
      el.style.opacity = sel ? '1' : String(Math.max(0.45, Math.min(1, 1.3 - d / LABEL_FADE_M)));
      el.style.display = '';
      used++;
    }
    for (let i = used; i < pool.current.length; i++) pool.current[i]!.style.display = 'none';
  });
  return null;
}
