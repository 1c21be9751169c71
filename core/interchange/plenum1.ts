/**
 * The `plenum/1` interchange format: parsing, whole-document validation, and canonical export.
 *
 * Import is all-or-nothing: `validateDocument` collects every problem (schema, duplicate ids,
 * dangling references, duplicate names, devices that do not fit or collide) before anything is
 * written, each with a JSON path and, when the source text is known, a line number.
 */
import { parseDocument, isMap, isSeq, LineCounter } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Change, DocReader } from '../model/changes';
import type { AnyEntity, Device, DeviceType, DocumentSnapshot, EntityKind, PowerElement, Rack } from '../model/schema';
import { ENTITY_KINDS, ENTITY_SCHEMAS, FORMAT, PlenumDocument, REFERENCES } from '../model/schema';
import { findJsonErrorOffset, lineOfOffset } from './json-error';
import { collisionMessage, findCollision, rackFitProblem } from '../rules/rack-units';

export interface DocumentIssue {
  /** JSON path such as `racks[3].roomId`, or `` for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the source text, when known. */
  line?: number;
}

export type ValidationResult = { ok: true; document: PlenumDocument } | { ok: false; issues: DocumentIssue[] };

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Parses JSON (or YAML) text. Syntax errors come back as issues with a line number. */
export function parseInterchangeText(text: string): { ok: true; value: unknown } | { ok: false; issues: DocumentIssue[] } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      const { offset, message } = findJsonErrorOffset(text);
      return { ok: false, issues: [{ path: '', message: `invalid JSON: ${message}`, line: lineOfOffset(text, offset) }] };
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({ path: '', message: `invalid YAML: ${e.message.split('\n')[0]}`, line: lineCounter.linePos(e.pos[0]).line })),
    };
  }
  return { ok: true, value: doc.toJS() };
}

/** Fills in `line` for issues by locating their paths in the source text. Only called on failure. */
export function locateIssues(text: string, issues: DocumentIssue[]): DocumentIssue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  return issues.map((issue) => {
    if (issue.line !== undefined || !issue.path) return issue;
    const parts: Array<string | number> = [];
    for (const m of issue.path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
    // Walk down as far as the path exists; a missing field is reported at its parent object.
    let node: unknown = doc.contents;
    let found: YamlNode | null = (node as YamlNode) ?? null;
    for (const part of parts) {
      let next: unknown;
      if (typeof part === 'number' && isSeq(node)) next = node.items[part];
      else if (isMap(node)) next = node.get(String(part), true);
      if (!next) break;
      node = next;
      found = next as YamlNode;
    }
    const offset = found?.range?.[0];
    return offset === undefined ? issue : { ...issue, line: lineCounter.linePos(offset).line };
  });
}

const NOUN: Record<EntityKind, string> = {
  deviceTypes: 'device type', rackTypes: 'rack type', rooms: 'room', obstacles: 'obstacle', doors: 'door',
  floorEquipment: 'floor equipment', racks: 'rack', rows: 'row', devices: 'device', annotations: 'annotation',
  powerElements: 'power element', powerFeeds: 'rack feed', envReadings: 'environment reading',
  cxTemplates: 'published template', cxInstances: 'checklist', cxAnswers: 'checklist answer', cxSignOffs: 'sign-off', cxIssues: 'issue',
  sensors: 'sensor', readingImports: 'readings import', maintenanceSchedules: 'maintenance schedule', maintenance: 'maintenance entry',
  backupPolicies: 'backup policy', backupRuns: 'backup run', licences: 'licence', licenceAssignments: 'licence assignment', opsEvents: 'event', contacts: 'contact',
};

/**
 * Validates a parsed document against the schema and against itself plus the project it is
 * being imported into (`existing`). Entities whose id already exists in the project replace it.
 */
export function validateDocument(input: unknown, existing?: DocReader): ValidationResult {
  const issues: DocumentIssue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: '', message: 'the document must be a JSON object with "format": "plenum/1"' }] };
  }
  const parsed = PlenumDocument.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push({ path: formatPath(issue.path), message: issue.message });
      if (issues.length >= 200) break;
    }
    return { ok: false, issues };
  }
  const doc = parsed.data;

  // Index the incoming entities by id, refusing duplicates.
  const incoming = {} as Record<EntityKind, Map<string, AnyEntity>>;
  for (const kind of ENTITY_KINDS) {
    const byId = new Map<string, AnyEntity>();
    (doc[kind] as AnyEntity[]).forEach((entity, i) => {
      if (byId.has(entity.id)) issues.push({ path: `${kind}[${i}].id`, message: `duplicate ${NOUN[kind]} id "${entity.id}"` });
      else byId.set(entity.id, entity);
    });
    incoming[kind] = byId;
  }
  const lookup = <K extends EntityKind>(kind: K, id: string) =>
    (incoming[kind].get(id) as AnyEntity | undefined) ?? existing?.get(kind, id);

  // Dangling references.
  for (const ref of REFERENCES) {
    (doc[ref.kind] as AnyEntity[]).forEach((entity, i) => {
      const value = (entity as Record<string, unknown>)[ref.field];
      if (value === undefined || value === null) return; // required fields are enforced by the schema
      const targets = ref.many ? (value as string[]) : [value as string];
      targets.forEach((target, j) => {
        if (!lookup(ref.target, target)) {
          issues.push({ path: `${ref.kind}[${i}].${ref.field}${ref.many ? `[${j}]` : ''}`, message: `${NOUN[ref.target]} "${target}" does not exist` });
        }
      });
    });
  }
  // A rack belongs to at most one row, and a row's racks stand in its room.
  const rowOfRack = new Map<string, string>();
  for (const e of existing && existing.count('rows') > 0 ? existing.list('rows') : []) {
    if (!incoming.rows.has(e.id)) for (const r of e.rackIds) rowOfRack.set(r, e.id);
  }
  doc.rows.forEach((row, i) => {
    row.rackIds.forEach((rackId, j) => {
      const other = rowOfRack.get(rackId);
      if (other !== undefined && other !== row.id) issues.push({ path: `rows[${i}].rackIds[${j}]`, message: `rack "${rackId}" is already in row "${other}"` });
      rowOfRack.set(rackId, row.id);
      const rack = lookup('racks', rackId) as Rack | undefined;
      if (rack && rack.roomId !== row.roomId) issues.push({ path: `rows[${i}].rackIds[${j}]`, message: `rack "${rackId}" is in another room than row "${row.name}"` });
    });
  });

  // The power chain: no loops, one feed per rack side, racks fed from distribution (never straight
  // from a utility or generator), and a feed's rack PDU in that rack. Commands refuse the same.
  const upstreamOf = (id: string): readonly string[] => (lookup('powerElements', id) as PowerElement | undefined)?.upstreamIds ?? [];
  doc.powerElements.forEach((e, i) => {
    const seen = new Set<string>([e.id]);
    const stack = [...e.upstreamIds];
    while (stack.length > 0) {
      const u = stack.pop()!;
      if (u === e.id) {
        issues.push({ path: `powerElements[${i}].upstreamIds`, message: `power element "${e.id}" feeds itself through its upstream links` });
        break;
      }
      if (seen.has(u)) continue;
      seen.add(u);
      stack.push(...upstreamOf(u));
    }
  });
  const feedOfSide = new Map<string, string>();
  if (existing && existing.count('powerFeeds') > 0) {
    for (const f of existing.list('powerFeeds')) if (!incoming.powerFeeds.has(f.id)) feedOfSide.set(`${f.rackId}|${f.side}`, f.id);
  }
  doc.powerFeeds.forEach((f, i) => {
    const key = `${f.rackId}|${f.side}`;
    const other = feedOfSide.get(key);
    if (other !== undefined && other !== f.id) issues.push({ path: `powerFeeds[${i}].side`, message: `rack "${f.rackId}" already has feed ${f.side} ("${other}")` });
    else feedOfSide.set(key, f.id);
    const source = lookup('powerElements', f.sourceId) as PowerElement | undefined;
    if (source && (source.kind === 'utility' || source.kind === 'generator')) {
      issues.push({ path: `powerFeeds[${i}].sourceId`, message: `a rack is fed from distribution (a PDU, RPP, panel or UPS), not straight from a ${source.kind}` });
    }
    if (f.rackPduDeviceId) {
      const pdu = lookup('devices', f.rackPduDeviceId) as Device | undefined;
      if (pdu && pdu.rackId !== f.rackId) issues.push({ path: `powerFeeds[${i}].rackPduDeviceId`, message: `device "${f.rackPduDeviceId}" is not in rack "${f.rackId}"` });
    }
  });

  // Unique names: rooms in the project, racks per room, devices per rack.
  const checkNames = (kind: 'rooms' | 'racks' | 'devices' | 'rows' | 'floorEquipment', scopeOf: (e: AnyEntity) => string, scopeNoun: string) => {
    const seen = new Map<string, string>();
    const key = (e: AnyEntity) => `${scopeOf(e)}\u0000${(e as { name: string }).name.trim().toLowerCase()}`;
    if (existing && existing.count(kind) > 0) {
      for (const e of existing.list(kind)) if (!incoming[kind].has(e.id)) seen.set(key(e), e.id);
    }
    (doc[kind] as AnyEntity[]).forEach((e, i) => {
      const k = key(e);
      const other = seen.get(k);
      if (other !== undefined && other !== e.id) {
        issues.push({ path: `${kind}[${i}].name`, message: `name "${(e as { name: string }).name}" is already used by ${NOUN[kind]} "${other}"${scopeNoun}` });
      } else seen.set(k, e.id);
    });
  };
  checkNames('rooms', () => '', '');
  checkNames('rows', (e) => (e as { roomId: string }).roomId, ' in the same room');
  checkNames('floorEquipment', (e) => (e as { roomId: string }).roomId, ' in the same room');
  checkNames('racks', (e) => (e as Rack).roomId, ' in the same room');
  checkNames('devices', (e) => (e as Device).rackId, ' in the same rack');

  // Devices fit their rack and do not collide.
  const byRack = new Map<string, Array<{ device: Device; type: DeviceType; index: number }>>();
  const addToRack = (device: Device, index: number) => {
    const type = lookup('deviceTypes', device.typeId) as DeviceType | undefined;
    if (!type) return;
    let list = byRack.get(device.rackId);
    if (!list) byRack.set(device.rackId, (list = []));
    list.push({ device, type, index });
  };
  doc.devices.forEach((d, i) => addToRack(d, i));
  if (existing && existing.count('devices') > 0) {
    for (const rackId of byRack.keys()) {
      for (const d of existing.list('devices', { field: 'rackId', value: rackId })) if (!incoming.devices.has(d.id)) addToRack(d, -1);
    }
  }
  for (const [rackId, entries] of byRack) {
    const rack = lookup('racks', rackId) as Rack | undefined;
    if (!rack) continue;
    entries.sort((a, b) => a.device.position - b.device.position);
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.index < 0) continue;
      if (entry.type.subdeviceRole === 'child') {
        issues.push({ path: `devices[${entry.index}].typeId`, message: `${entry.type.model} is a child device: it goes in a chassis bay, not directly in a rack` });
        continue;
      }
      const fit = rackFitProblem(entry.device, entry.type, rack);
      if (fit) {
        issues.push({ path: `devices[${entry.index}].position`, message: `device "${entry.device.id}" (${entry.device.name}): ${fit}` });
        continue;
      }
      // Only earlier entries can collide with this one in a position-sorted sweep; check those
      // whose top is above this bottom (bounded by the rack height, so this stays linear-ish).
      const earlier = [];
      for (let j = i - 1; j >= 0; j--) {
        const other = entries[j]!;
        earlier.push(other);
        if (entry.device.position - other.device.position > 100) break;
      }
      const hit = findCollision(entry.device, entry.type, earlier);
      if (hit) {
        const where = (hit as { index?: number }).index;
        const other = where !== undefined && where >= 0 ? ` (device "${hit.device.id}", devices[${where}])` : ` (device "${hit.device.id}", already in the project)`;
        issues.push({ path: `devices[${entry.index}].position`, message: `device "${entry.device.id}" (${entry.device.name}): ${collisionMessage(entry.device, entry.type, hit)}${other}` });
      }
    }
  }

  return issues.length ? { ok: false, issues: issues.slice(0, 200) } : { ok: true, document: doc };
}

/** The changes that import a validated document: puts in dependency order, plus the project name. */
export function importChanges(doc: PlenumDocument, options: { setProjectName: boolean; existing?: DocReader }): Change[] {
  const changes: Change[] = [];
  if (options.setProjectName && doc.project && options.existing) {
    changes.push({ op: 'project', project: { ...options.existing.project(), ...doc.project } });
  }
  for (const kind of ENTITY_KINDS) for (const entity of doc[kind] as AnyEntity[]) changes.push({ op: 'put', kind, entity });
  return changes;
}

/**
 * Canonical export: collections sorted by id, known fields in schema order, extra fields after
 * them in alphabetical order. Export → import → export is byte-identical.
 */
export function exportDocument(snapshot: DocumentSnapshot): PlenumDocument & { format: typeof FORMAT } {
  const out: Record<string, unknown> = { format: FORMAT, project: canonical(snapshot.project, ['name']) };
  for (const kind of ENTITY_KINDS) {
    const known = Object.keys((ENTITY_SCHEMAS[kind] as unknown as { shape: Record<string, unknown> }).shape);
    const entities = Object.values((snapshot[kind] ?? {}) as Record<string, AnyEntity>);
    entities.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    out[kind] = entities.map((e) => canonical(e as Record<string, unknown>, known));
  }
  return out as PlenumDocument & { format: typeof FORMAT };
}

function canonical(entity: Record<string, unknown>, known: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of known) if (entity[key] !== undefined) out[key] = entity[key];
  for (const key of Object.keys(entity).filter((k) => !known.includes(k)).sort()) if (entity[key] !== undefined) out[key] = entity[key];
  return out;
}
