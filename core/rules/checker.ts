/**
 * The findings engine (issue 4, §7): every design check of a project, kept up to date
 * incrementally as edits arrive.
 *
 * What is cached, and what invalidates it:
 *  - one `RackAnalysis` per rack (space, power split by cord, feeds and their failover, weight,
 *    floor load, airflow, device rules): invalidated by a change to the rack, its devices, its
 *    feeds, its row, its room, the device types it uses, or the project's rule settings;
 *  - the layout findings of each room (overlaps, outside the room, obstacles, aisles, rows):
 *    invalidated by a change to anything placed in that room;
 *  - the power chain, the cooling zones and the environment are recomputed on every check from
 *    the cached rack analyses: they are sums over racks and elements, and cost a few milliseconds
 *    even at 5,000 racks.
 *
 * So an edit to one device costs one rack analysis plus the cheap global passes, whatever the
 * size of the site (bench/run.ts measures it against a full check).
 */
import type { Change } from '../model/changes';
import type { AnyEntity, Device, DocumentSnapshot, EntityKind, PowerFeed } from '../model/schema';
import { ENTITY_KINDS } from '../model/schema';
import { analyzeRack, type RackAnalysis } from '../capacity/rack';
import { ChainTopology, PowerChain, type ChainResult } from '../capacity/chain';
import { coolingFindings, coolingZones, environmentFindings, type ZoneResult } from '../capacity/cooling';
import { settingsOf, type ResolvedSettings } from '../capacity/settings';
import { layoutFindings } from './layout';
import { summarize, SEVERITY_ORDER, type Finding, type FindingSummary } from './finding';

export interface CheckResult {
  /** Errors first, then warnings, then infos; within a severity by id (stable across edits). */
  findings: Finding[];
  summary: FindingSummary;
}

/** Kinds whose entities stand in a room and take part in that room's layout rules. */
const PLACED_IN_ROOM: ReadonlySet<EntityKind> = new Set(['obstacles', 'doors', 'floorEquipment']);

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

export class DesignChecker {
  private snap: DocumentSnapshot;
  private settings!: ResolvedSettings;
  private hasPowerChain = false;
  private readonly devicesByRack = new Map<string, Map<string, Device>>();
  private readonly deviceRack = new Map<string, string>();
  private readonly typeRacks = new Map<string, Map<string, number>>();
  private readonly feedsByRack = new Map<string, Map<string, PowerFeed>>();
  private readonly feedRack = new Map<string, string>();
  private readonly rackRoom = new Map<string, string>();
  private readonly racksByRoom = new Map<string, Set<string>>();
  private readonly rowOfRack = new Map<string, string>();
  private readonly rowRacks = new Map<string, readonly string[]>();
  private readonly placedRoom = new Map<string, string>();

  private readonly rackResults = new Map<string, RackAnalysis>();
  private readonly roomLayout = new Map<string, Finding[]>();
  private dirtyRacks = new Set<string>();
  private dirtyRooms = new Set<string>();
  private everything = true;

  private chainCache: { chain: PowerChain; result: ChainResult } | null = null;
  /** The chain's shape; kept across edits that touch neither power elements nor feeds. */
  private topology: ChainTopology | null = null;
  private zonesCache: ZoneResult[] | null = null;
  private resultCache: CheckResult | null = null;

  constructor(snapshot: DocumentSnapshot) {
    this.snap = snapshot;
  }

  get snapshot(): DocumentSnapshot {
    return this.snap;
  }

  /**
   * Takes a newer version of the document and works out what changed by comparing references:
   * an immutable mirror (the renderer's) keeps the reference of every collection and entity an
   * edit did not touch, so only the changed collections are walked.
   */
  update(next: DocumentSnapshot): void {
    const prev = this.snap;
    if (next === prev) return;
    const changes: Change[] = [];
    if (next.project !== prev.project) changes.push({ op: 'project', project: next.project });
    for (const kind of ENTITY_KINDS) {
      const a = (prev as unknown as Record<string, Record<string, AnyEntity>>)[kind] ?? {};
      const b = (next as unknown as Record<string, Record<string, AnyEntity>>)[kind] ?? {};
      if (a === b) continue;
      for (const id in b) if (a[id] !== b[id]) changes.push({ op: 'put', kind, entity: b[id]! });
      for (const id in a) if (!(id in b)) changes.push({ op: 'delete', kind, id });
    }
    this.apply(changes, next);
  }

  /** Takes the document after `changes` were applied to it, and marks what they touched. */
  apply(changes: readonly Change[], snapshot: DocumentSnapshot): void {
    this.snap = snapshot;
    this.chainCache = null;
    this.zonesCache = null;
    this.resultCache = null;
    if (this.everything) {
      this.topology = null;
      return;
    }
    for (const c of changes) {
      if (c.op !== 'project' && (c.kind === 'powerElements' || c.kind === 'powerFeeds')) this.topology = null;
      if (c.op === 'project') {
        this.everything = true;
        return;
      }
      const id = c.op === 'put' ? c.entity.id : c.id;
      switch (c.kind) {
        case 'devices': this.deviceChanged(id, c.op === 'put' ? (c.entity as Device) : undefined); break;
        case 'deviceTypes':
          for (const rackId of this.typeRacks.get(id)?.keys() ?? []) this.dirtyRacks.add(rackId);
          break;
        case 'racks': this.rackChanged(id, c.op === 'put' ? (c.entity as { roomId: string }).roomId : undefined); break;
        case 'rows': this.rowChanged(id, c.op === 'put' ? (c.entity as { roomId: string; rackIds: string[] }) : undefined); break;
        case 'rooms':
          this.dirtyRooms.add(id);
          for (const rackId of this.racksByRoom.get(id) ?? []) this.dirtyRacks.add(rackId);
          break;
        case 'powerFeeds': this.feedChanged(id, c.op === 'put' ? (c.entity as PowerFeed) : undefined); break;
        case 'powerElements': {
          const has = Object.keys(snapshot.powerElements ?? {}).length > 0;
          // Missing feeds only become findings once the project models a power chain.
          if (has !== this.hasPowerChain) this.everything = true;
          break;
        }
        default:
          if (PLACED_IN_ROOM.has(c.kind)) {
            const old = this.placedRoom.get(id);
            if (old) this.dirtyRooms.add(old);
            if (c.op === 'put') {
              const roomId = (c.entity as { roomId: string }).roomId;
              this.placedRoom.set(id, roomId);
              this.dirtyRooms.add(roomId);
            } else this.placedRoom.delete(id);
          }
      }
      if (this.everything) {
        this.topology = null;
        return;
      }
    }
  }

  private deviceChanged(id: string, next: Device | undefined): void {
    const oldRack = this.deviceRack.get(id);
    if (oldRack !== undefined) {
      const old = this.devicesByRack.get(oldRack)?.get(id);
      this.devicesByRack.get(oldRack)?.delete(id);
      if (old) this.countType(old.typeId, oldRack, -1);
      this.dirtyRacks.add(oldRack);
      this.deviceRack.delete(id);
    }
    if (next) this.indexDevice(next);
  }

  private indexDevice(d: Device): void {
    let inRack = this.devicesByRack.get(d.rackId);
    if (!inRack) this.devicesByRack.set(d.rackId, (inRack = new Map()));
    inRack.set(d.id, d);
    this.deviceRack.set(d.id, d.rackId);
    this.countType(d.typeId, d.rackId, 1);
    this.dirtyRacks.add(d.rackId);
  }

  private countType(typeId: string, rackId: string, delta: number): void {
    let racks = this.typeRacks.get(typeId);
    if (!racks) this.typeRacks.set(typeId, (racks = new Map()));
    const n = (racks.get(rackId) ?? 0) + delta;
    if (n <= 0) racks.delete(rackId);
    else racks.set(rackId, n);
  }

  private rackChanged(id: string, roomId: string | undefined): void {
    const oldRoom = this.rackRoom.get(id);
    if (oldRoom !== undefined) {
      this.dirtyRooms.add(oldRoom);
      this.racksByRoom.get(oldRoom)?.delete(id);
    }
    this.dirtyRacks.add(id);
    if (roomId !== undefined) {
      this.rackRoom.set(id, roomId);
      addTo(this.racksByRoom, roomId, id);
      this.dirtyRooms.add(roomId);
    } else {
      this.rackRoom.delete(id);
      this.rackResults.delete(id);
    }
  }

  private rowChanged(id: string, row: { roomId: string; rackIds: string[] } | undefined): void {
    for (const rackId of this.rowRacks.get(id) ?? []) {
      this.dirtyRacks.add(rackId);
      if (this.rowOfRack.get(rackId) === id) this.rowOfRack.delete(rackId);
    }
    if (row) {
      this.rowRacks.set(id, row.rackIds);
      for (const rackId of row.rackIds) {
        this.rowOfRack.set(rackId, id);
        this.dirtyRacks.add(rackId);
      }
      this.dirtyRooms.add(row.roomId);
    } else this.rowRacks.delete(id);
    // A row's room may have changed too: its old room's aisles are re-checked with the racks'.
    for (const rackId of this.dirtyRacks) {
      const room = this.rackRoom.get(rackId);
      if (room) this.dirtyRooms.add(room);
    }
  }

  private feedChanged(id: string, next: PowerFeed | undefined): void {
    const oldRack = this.feedRack.get(id);
    if (oldRack !== undefined) {
      this.feedsByRack.get(oldRack)?.delete(id);
      this.dirtyRacks.add(oldRack);
      this.feedRack.delete(id);
    }
    if (next) this.indexFeed(next);
  }

  private indexFeed(f: PowerFeed): void {
    let feeds = this.feedsByRack.get(f.rackId);
    if (!feeds) this.feedsByRack.set(f.rackId, (feeds = new Map()));
    feeds.set(f.id, f);
    this.feedRack.set(f.id, f.rackId);
    this.dirtyRacks.add(f.rackId);
  }

  private rebuild(): void {
    const s = this.snap;
    for (const m of [this.devicesByRack, this.deviceRack, this.typeRacks, this.feedsByRack, this.feedRack, this.rackRoom, this.racksByRoom, this.rowOfRack, this.rowRacks, this.placedRoom, this.rackResults, this.roomLayout]) m.clear();
    this.settings = settingsOf(s);
    this.hasPowerChain = Object.keys(s.powerElements ?? {}).length > 0;
    for (const id in s.racks) {
      const r = s.racks[id]!;
      this.rackRoom.set(id, r.roomId);
      addTo(this.racksByRoom, r.roomId, id);
    }
    for (const id in s.devices) this.indexDevice(s.devices[id]!);
    for (const id in s.powerFeeds ?? {}) this.indexFeed(s.powerFeeds[id]!);
    for (const id in s.rows ?? {}) {
      const row = s.rows[id]!;
      this.rowRacks.set(id, row.rackIds);
      for (const rackId of row.rackIds) this.rowOfRack.set(rackId, id);
    }
    for (const kind of PLACED_IN_ROOM) {
      const all = (s as unknown as Record<string, Record<string, { roomId: string }>>)[kind] ?? {};
      for (const id in all) this.placedRoom.set(id, all[id]!.roomId);
    }
    this.dirtyRacks = new Set(Object.keys(s.racks));
    this.dirtyRooms = new Set(Object.keys(s.rooms));
    this.everything = false;
  }

  private refresh(): void {
    if (this.everything) this.rebuild();
    const s = this.snap;
    const noDevices = new Map<string, Device>();
    const noFeeds = new Map<string, PowerFeed>();
    for (const rackId of this.dirtyRacks) {
      const rack = s.racks[rackId];
      if (!rack) {
        this.rackResults.delete(rackId);
        continue;
      }
      const rowId = this.rowOfRack.get(rackId);
      this.rackResults.set(rackId, analyzeRack({
        rack,
        devices: (this.devicesByRack.get(rackId) ?? noDevices).values(),
        types: s.deviceTypes,
        device: (id) => s.devices[id],
        feeds: (this.feedsByRack.get(rackId) ?? noFeeds).values(),
        room: s.rooms[rack.roomId],
        row: rowId ? s.rows[rowId] : undefined,
        settings: this.settings,
        hasPowerChain: this.hasPowerChain,
      }));
    }
    this.dirtyRacks.clear();
    for (const roomId of this.dirtyRooms) {
      if (s.rooms[roomId]) this.roomLayout.set(roomId, layoutFindings(s, { roomId, devices: false }));
      else this.roomLayout.delete(roomId);
    }
    this.dirtyRooms.clear();
  }

  /** The power chain analysis (normal operation and every single failure). */
  chain(): { chain: PowerChain; result: ChainResult } {
    this.refresh();
    if (!this.chainCache) {
      const s = this.snap;
      this.topology ??= new ChainTopology(s.powerElements ?? {}, Object.values(s.powerFeeds ?? {}));
      const chain = new PowerChain({
        elements: s.powerElements ?? {}, racks: this.rackResults, rooms: s.rooms, settings: this.settings,
        rackName: (id) => s.racks[id]?.name ?? id,
      }, this.topology);
      this.chainCache = { chain, result: chain.analyze() };
    }
    return this.chainCache;
  }

  zones(): ZoneResult[] {
    this.refresh();
    this.zonesCache ??= coolingZones(this.snap.rooms, this.rackResults.values(), Object.values(this.snap.floorEquipment ?? {}), this.settings);
    return this.zonesCache;
  }

  racks(): ReadonlyMap<string, RackAnalysis> {
    this.refresh();
    return this.rackResults;
  }

  resolvedSettings(): ResolvedSettings {
    this.refresh();
    return this.settings;
  }

  check(): CheckResult {
    if (this.resultCache) return this.resultCache;
    this.refresh();
    const s = this.snap;
    const findings: Finding[] = [];
    for (const list of this.roomLayout.values()) for (const f of list) findings.push(f);
    for (const r of this.rackResults.values()) for (const f of r.findings) findings.push(f);
    for (const f of this.chain().result.findings) findings.push(f);
    for (const f of coolingFindings(this.zones(), s.rooms, this.settings)) findings.push(f);
    for (const f of environmentFindings(s.rooms, Object.values(s.envReadings ?? {}), (id) => s.racks[id]?.name)) findings.push(f);
    findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.resultCache = { findings, summary: summarize(findings) };
    return this.resultCache;
  }
}

/** One-shot check of a whole document, optionally only some rules. */
export function checkDocument(snapshot: DocumentSnapshot, options: { rules?: readonly string[] } = {}): CheckResult & { checker: DesignChecker } {
  const checker = new DesignChecker(snapshot);
  const all = checker.check();
  if (!options.rules || options.rules.length === 0) return { ...all, checker };
  const wanted = new Set(options.rules);
  const findings = all.findings.filter((f) => wanted.has(f.rule));
  return { findings, summary: summarize(findings), checker };
}
