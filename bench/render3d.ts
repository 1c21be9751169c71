/**
 * The 3D view's cost as a hall grows: 100, 1,000 and 2,000 racks (20 devices each) in one room,
 * served by `plenum serve` (in process) and drawn in headless Chromium with SwiftShader. For each
 * size: draw calls and the median time of a frame (CPU: the frame's JavaScript and WebGL calls;
 * with GPU: until the GPU finished it), from `window.plenumDebug.frame()`.
 *
 * Targets: draw calls flat (instancing: one mesh per kind of thing), frame time sub-linear in the
 * number of racks. SwiftShader renders on the CPU, so absolute times are far above a real GPU's;
 * the ratios are what this measures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { parseInterchangeText } from '../core/interchange/plenum1';
import { ProjectStore } from '../electron/store/project-store';
import { startServer } from '../electron/server/serve';
import { generateSite } from './generate';
import { CHROMIUM } from './renderer-mirror';

const SIZES = [100, 1_000, 2_000] as const;
const DEVICES_PER_RACK = 20;
const FRAMES = Number(process.env.BENCH_FRAMES ?? 10);
const WARMUP_FRAMES = 3;

interface SizeResult {
  racks: number;
  devices: number;
  drawCalls: number;
  triangles: number;
  cpuMs: number;
  gpuMs: number;
  loadMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function makeProject(file: string, racks: number): void {
  const doc = generateSite(racks, DEVICES_PER_RACK, { racksPerRoom: racks });
  const parsed = parseInterchangeText(JSON.stringify(doc));
  if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
  const store = ProjectStore.create(file, { name: `Render bench ${racks}` });
  store.execute('document.import', { document: parsed.value });
  store.close();
}

export async function benchRender3d(dir: string): Promise<SizeResult[] | null> {
  console.log(`\n3D view: one hall of 100 / 1,000 / 2,000 racks × ${DEVICES_PER_RACK} devices, headless Chromium (SwiftShader), median of ${FRAMES} frames`);
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`  skipped (no Chromium at ${CHROMIUM}; apt-get install chromium)`);
    return null;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const results: SizeResult[] = [];
  try {
    for (const racks of SIZES) {
      const file = path.join(dir, `render3d-${racks}.plenum`);
      makeProject(file, racks);
      const server = await startServer({ file, port: 0, userDataDir: path.join(dir, `userdata-3d-${racks}`) });
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      try {
        const t0 = performance.now();
        await page.goto(`${server.url}#/rooms/room:0/3d`);
        await page.waitForFunction(() => (window.plenumDebug?.renderInfo()?.drawCalls ?? 0) > 0, null, { timeout: 180_000 });
        const loadMs = performance.now() - t0;
        const frames = await page.evaluate(async ({ warmup, n }) => {
          const debug = window.plenumDebug!;
          for (let i = 0; i < warmup; i++) await debug.frame();
          const out: { ms: number; gpuMs: number }[] = [];
          for (let i = 0; i < n; i++) out.push((await debug.frame())!);
          return { out, info: debug.renderInfo()! };
        }, { warmup: WARMUP_FRAMES, n: FRAMES });
        results.push({
          racks: frames.info.racks,
          devices: frames.info.devices,
          drawCalls: frames.info.drawCalls,
          triangles: frames.info.triangles,
          cpuMs: median(frames.out.map((f) => f.ms)),
          gpuMs: median(frames.out.map((f) => f.gpuMs)),
          loadMs,
        });
      } finally {
        await page.close();
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }

  const num = (n: number) => n.toLocaleString('en-US');
  for (const r of results) {
    console.log(
      `  ${num(r.racks).padStart(5)} racks ${num(r.devices).padStart(6)} devices: ${String(r.drawCalls).padStart(3)} draw calls, ${num(r.triangles).padStart(9)} triangles, ` +
      `frame ${r.cpuMs.toFixed(2).padStart(6)} ms CPU, ${r.gpuMs.toFixed(1).padStart(6)} ms with GPU; page load → first frame ${(r.loadMs / 1000).toFixed(1)} s`,
    );
  }
  const small = results[0];
  const large = results[results.length - 1];
  if (small && large && small.racks > 0) {
    const growth = large.racks / small.racks;
    const calls = large.drawCalls / small.drawCalls;
    const cpu = large.cpuMs / small.cpuMs;
    const gpu = large.gpuMs / small.gpuMs;
    console.log(`  draw calls ${num(large.racks)} / ${num(small.racks)} racks: ${calls.toFixed(2)}×  (target: flat, 1.00×; ≤ 100 calls) ${calls <= 1.01 && large.drawCalls <= 100 ? 'OK' : 'OVER TARGET'}`);
    console.log(`  frame time ${num(large.racks)} / ${num(small.racks)} racks: CPU ${cpu.toFixed(2)}×, with GPU ${gpu.toFixed(2)}× for ${growth.toFixed(0)}× the racks  (target: sub-linear, < ${growth.toFixed(0)}×) ${Math.max(cpu, gpu) < growth ? 'OK' : 'OVER TARGET'}`);
  }
  return results;
}
