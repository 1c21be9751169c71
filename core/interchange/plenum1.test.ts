import { describe, expect, it } from 'vitest';
import type { DocumentSnapshot } from '../model/schema';
import { emptySnapshot } from '../model/schema';
import { SnapshotReader } from '../model/changes';
import { exportDocument, locateIssues, parseInterchangeText, validateDocument } from './plenum1';
import type { DocumentIssue } from './plenum1';

function validDoc() {
  return {
    format: 'plenum/1',
    project: { name: 'Site' },
    deviceTypes: [
      { id: 'dt:1u', manufacturer: 'Acme', model: 'One', uHeight: 1, fullDepth: false, weightKg: 10, powerMaxW: 300, powerTypicalW: 200, airflow: 'front-to-rear' },
      { id: 'dt:2u', manufacturer: 'Acme', model: 'Two', uHeight: 2, fullDepth: true, weightKg: 20, powerMaxW: null, powerTypicalW: null, airflow: null },
    ],
    rooms: [
      { id: 'room:a', name: 'Hall A', widthMm: 10_000, depthMm: 8_000 },
      { id: 'room:b', name: 'Hall B', widthMm: 6_000, depthMm: 6_000 },
    ],
    racks: [
      { id: 'rack:1', name: 'R01', roomId: 'room:a', xMm: 1000, yMm: 1000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1200 },
      { id: 'rack:2', name: 'R02', roomId: 'room:a', xMm: 1600, yMm: 1000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1200 },
      // Same name as rack:1 but in another room: allowed.
      { id: 'rack:3', name: 'R01', roomId: 'room:b', xMm: 1000, yMm: 1000, rotationDeg: 90, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1200 },
    ],
    devices: [
      { id: 'dev:1', name: 'srv1', rackId: 'rack:1', typeId: 'dt:1u', position: 1, face: 'front' },
      { id: 'dev:2', name: 'srv2', rackId: 'rack:1', typeId: 'dt:1u', position: 1, face: 'rear' },
      { id: 'dev:3', name: 'big', rackId: 'rack:1', typeId: 'dt:2u', position: 2, face: 'front' },
    ],
  };
}

function issuesOf(input: unknown, existing?: SnapshotReader): DocumentIssue[] {
  const result = validateDocument(input, existing);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.issues;
}

describe('validateDocument', () => {
  it('accepts a valid document and returns it parsed', () => {
    const result = validateDocument(validDoc());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.document.racks).toHaveLength(3);
      expect(result.document.devices.map((d) => d.id)).toEqual(['dev:1', 'dev:2', 'dev:3']);
    }
  });

  it('fills missing collections with empty lists', () => {
    const result = validateDocument({ format: 'plenum/1' });
    expect(result).toEqual({
      ok: true,
      document: { format: 'plenum/1', deviceTypes: [], rackTypes: [], rooms: [], obstacles: [], doors: [], floorEquipment: [], racks: [], rows: [], devices: [], annotations: [], powerElements: [], powerFeeds: [], envReadings: [], cxTemplates: [], cxInstances: [], cxAnswers: [], cxSignOffs: [], cxIssues: [],
        sensors: [], readingImports: [], maintenanceSchedules: [], maintenance: [], backupPolicies: [], backupRuns: [], licences: [], licenceAssignments: [], opsEvents: [], contacts: [] },
    });
  });

  it('refuses a document whose format is not plenum/1 at path "format"', () => {
    expect(issuesOf({ ...validDoc(), format: 'plenum/2' })).toEqual([{ path: 'format', message: 'format must be "plenum/1"' }]);
  });

  it('refuses something that is not an object at the root path', () => {
    const issues = issuesOf([1, 2]);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('');
  });

  it('reports a missing field with its JSON path', () => {
    const doc = validDoc();
    delete (doc.racks[0] as Partial<(typeof doc.racks)[0]>).maxKg;
    const issues = issuesOf(doc);
    expect(issues.map((i) => i.path)).toEqual(['racks[0].maxKg']);
    expect(issues[0]!.message).toContain('maxKg');
  });

  it('reports a field of the wrong type with its JSON path', () => {
    const doc = validDoc();
    (doc.devices[2] as Record<string, unknown>).face = 'top';
    expect(issuesOf(doc).map((i) => i.path)).toEqual(['devices[2].face']);
  });

  it('reports a rack whose room does not exist at racks[i].roomId', () => {
    const doc = validDoc();
    doc.racks[1]!.roomId = 'room:ghost';
    expect(issuesOf(doc)).toEqual([{ path: 'racks[1].roomId', message: 'room "room:ghost" does not exist' }]);
  });

  it('reports a device whose rack does not exist at devices[i].rackId', () => {
    const doc = validDoc();
    doc.devices[0]!.rackId = 'rack:ghost';
    expect(issuesOf(doc)).toEqual([{ path: 'devices[0].rackId', message: 'rack "rack:ghost" does not exist' }]);
  });

  it('reports a device whose type does not exist at devices[i].typeId', () => {
    const doc = validDoc();
    doc.devices[1]!.typeId = 'dt:ghost';
    expect(issuesOf(doc)).toEqual([{ path: 'devices[1].typeId', message: 'device type "dt:ghost" does not exist' }]);
  });

  it('accepts references to entities that exist only in the project being imported into', () => {
    const existing = emptySnapshot();
    existing.rooms['room:old'] = { id: 'room:old', name: 'Old room', widthMm: 5000, depthMm: 5000 };
    const doc = validDoc();
    doc.racks[1]!.roomId = 'room:old';
    expect(validateDocument(doc, new SnapshotReader(existing)).ok).toBe(true);
  });

  it('reports a duplicate id at the second occurrence', () => {
    const doc = validDoc();
    doc.rooms[1]!.id = 'room:a';
    doc.racks[2]!.roomId = 'room:a';
    doc.racks[2]!.name = 'R03';
    expect(issuesOf(doc)).toEqual([{ path: 'rooms[1].id', message: 'duplicate room id "room:a"' }]);
  });

  it('reports two racks with the same name in one room, ignoring case', () => {
    const doc = validDoc();
    doc.racks[1]!.name = 'r01';
    const issues = issuesOf(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('racks[1].name');
    expect(issues[0]!.message).toContain('rack:1');
  });

  it('reports a rack whose name is already used in the same room of the existing project', () => {
    const existing = emptySnapshot();
    existing.rooms['room:a'] = { id: 'room:a', name: 'Hall A', widthMm: 5000, depthMm: 5000 };
    existing.racks['rack:old'] = { id: 'rack:old', name: 'R02', roomId: 'room:a', xMm: 0, yMm: 0, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 5, maxKg: 1000 };
    const issues = issuesOf(validDoc(), new SnapshotReader(existing));
    expect(issues.map((i) => i.path)).toEqual(['racks[1].name']);
  });

  it('reports a device that collides with another, naming the other by its index', () => {
    const doc = validDoc();
    doc.devices.push({ id: 'dev:4', name: 'late', rackId: 'rack:1', typeId: 'dt:1u', position: 3, face: 'rear' });
    const issues = issuesOf(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('devices[3].position');
    expect(issues[0]!.message).toContain('late');
    expect(issues[0]!.message).toContain('big');
    expect(issues[0]!.message).toContain('(device "dev:3", devices[2])');
    expect(issues[0]!.message).toMatch(/^device "dev:4" \(late\): /);
    expect(issues[0]!.message).toContain('full-depth');
  });

  it('reports a device that does not fit in its rack at devices[i].position', () => {
    const doc = validDoc();
    doc.devices[2]!.position = 42;
    const issues = issuesOf(doc);
    expect(issues.map((i) => i.path)).toEqual(['devices[2].position']);
    expect(issues[0]!.message).toContain('U43');
  });

  it('reports several independent problems in one pass', () => {
    const doc = validDoc();
    doc.racks[0]!.roomId = 'room:ghost';
    doc.devices[1]!.typeId = 'dt:ghost';
    doc.racks[2]!.name = 'r02'; // rack:2 is R02 in room:a
    doc.racks[2]!.roomId = 'room:a';
    const paths = issuesOf(doc).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['racks[0].roomId', 'devices[1].typeId', 'racks[2].name']));
    expect(paths).toHaveLength(3);
  });
});

describe('parseInterchangeText', () => {
  it('parses valid JSON', () => {
    expect(parseInterchangeText('{"format": "plenum/1"}')).toEqual({ ok: true, value: { format: 'plenum/1' } });
  });

  it('parses YAML documents too', () => {
    expect(parseInterchangeText('format: plenum/1\nrooms: []\n')).toEqual({ ok: true, value: { format: 'plenum/1', rooms: [] } });
  });

  it('reports broken JSON with the line of the error', () => {
    const text = '{\n  "format": "plenum/1",\n  "rooms": [\n    {,}\n  ]\n}\n';
    const result = parseInterchangeText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]!.line).toBe(4);
      expect(result.issues[0]!.path).toBe('');
      expect(result.issues[0]!.message).toMatch(/^invalid JSON: /);
    }
  });

  it('reports a misspelled JSON literal with its line number, on one line', () => {
    // V8 words this error without a position ("Unexpected token … is not valid JSON").
    const text = '{\n  "format": "plenum/1",\n  "project": { "name": tru }\n}\n';
    const result = parseInterchangeText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]!.line).toBe(3);
      expect(result.issues[0]!.message).not.toContain('\n');
    }
  });

  it('reports broken YAML with the line of the error', () => {
    const result = parseInterchangeText('format: plenum/1\nrooms:\n  - id: a\n    name: [unclosed\n');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]!.message).toMatch(/^invalid YAML: /);
      expect(result.issues[0]!.line).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('locateIssues', () => {
  it('maps racks[1].roomId to the line of that field in pretty-printed JSON', () => {
    const doc = validDoc();
    doc.racks[1]!.roomId = 'room:ghost';
    const text = JSON.stringify(doc, null, 2);
    const expectedLine = text.split('\n').findIndex((l) => l.includes('"roomId": "room:ghost"')) + 1;
    expect(expectedLine).toBeGreaterThan(1);
    const located = locateIssues(text, issuesOf(doc));
    expect(located).toEqual([{ path: 'racks[1].roomId', message: 'room "room:ghost" does not exist', line: expectedLine }]);
  });

  it('places a missing field on the line where its object starts', () => {
    const doc = validDoc();
    delete (doc.racks[2] as Partial<(typeof doc.racks)[0]>).maxKg;
    const text = JSON.stringify(doc, null, 2);
    const lines = text.split('\n');
    const idLine = lines.findIndex((l) => l.includes('"id": "rack:3"'));
    // The object's opening brace is the line before its first field.
    const located = locateIssues(text, issuesOf(doc));
    expect(located[0]!.path).toBe('racks[2].maxKg');
    expect(located[0]!.line).toBe(idLine);
    expect(lines[idLine - 1]!.trim()).toBe('{');
  });

  it('keeps an issue that already has a line, and leaves whole-document issues without one', () => {
    const issues: DocumentIssue[] = [{ path: 'rooms[0].id', message: 'x', line: 99 }, { path: '', message: 'y' }];
    expect(locateIssues('{"rooms": [{"id": "a"}]}', issues)).toEqual(issues);
  });
});

describe('exportDocument', () => {
  function snapshotWithExtras(): DocumentSnapshot {
    const s = emptySnapshot('Exported');
    (s.project as Record<string, unknown>).client = 'Lyon';
    s.rooms['room:b'] = { id: 'room:b', name: 'B', widthMm: 2000, depthMm: 3000 };
    // Fields in a scrambled order, plus unknown fields that must survive after the known ones.
    s.rooms['room:a'] = { zeta: 1, depthMm: 4000, alpha: 'x', name: 'A', widthMm: 1000, id: 'room:a' } as DocumentSnapshot['rooms'][string];
    s.racks['rack:2'] = { id: 'rack:2', name: 'R2', roomId: 'room:a', xMm: 0, yMm: 0, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 5, maxKg: 900 };
    s.racks['rack:10'] = { maxKg: 900, id: 'rack:10', name: 'R10', roomId: 'room:a', xMm: 0, yMm: 0, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 5 };
    s.deviceTypes['dt:x'] = { id: 'dt:x', manufacturer: 'M', model: 'X', uHeight: 1, fullDepth: false, weightKg: null, powerMaxW: null, powerTypicalW: null, airflow: null, role: undefined, source: 'builtin' };
    return s;
  }

  it('sorts every collection by id', () => {
    const out = exportDocument(snapshotWithExtras());
    expect(out.rooms.map((r) => r.id)).toEqual(['room:a', 'room:b']);
    expect(out.racks.map((r) => r.id)).toEqual(['rack:10', 'rack:2']);
  });

  it('writes known fields in schema order, then extra fields alphabetically', () => {
    const out = exportDocument(snapshotWithExtras());
    expect(Object.keys(out)).toEqual(['format', 'project', 'deviceTypes', 'rackTypes', 'rooms', 'obstacles', 'doors', 'floorEquipment', 'racks', 'rows', 'devices', 'annotations', 'powerElements', 'powerFeeds', 'envReadings', 'cxTemplates', 'cxInstances', 'cxAnswers', 'cxSignOffs', 'cxIssues',
      'sensors', 'readingImports', 'maintenanceSchedules', 'maintenance', 'backupPolicies', 'backupRuns', 'licences', 'licenceAssignments', 'opsEvents', 'contacts']);
    expect(Object.keys(out.rooms[0]!)).toEqual(['id', 'name', 'widthMm', 'depthMm', 'alpha', 'zeta']);
    expect(out.rooms[0]).toEqual({ id: 'room:a', name: 'A', widthMm: 1000, depthMm: 4000, alpha: 'x', zeta: 1 });
    expect(Object.keys(out.racks[0]!)).toEqual(['id', 'name', 'roomId', 'xMm', 'yMm', 'rotationDeg', 'uHeight', 'widthMm', 'depthMm', 'maxKw', 'maxKg']);
    expect(Object.keys(out.project!)).toEqual(['name', 'client']);
  });

  it('drops undefined optional fields but keeps nulls', () => {
    const dt = exportDocument(snapshotWithExtras()).deviceTypes[0]!;
    expect(Object.keys(dt)).toEqual(['id', 'manufacturer', 'model', 'uHeight', 'fullDepth', 'weightKg', 'powerMaxW', 'powerTypicalW', 'airflow', 'source']);
    expect(dt.weightKg).toBeNull();
  });

  it('gives byte-identical JSON for the same content inserted in a different order', () => {
    const a = snapshotWithExtras();
    const b = emptySnapshot('Exported');
    (b.project as Record<string, unknown>).client = 'Lyon';
    for (const kind of ['deviceTypes', 'rooms', 'racks', 'devices'] as const) {
      for (const id of Object.keys(a[kind]).reverse()) (b[kind] as Record<string, unknown>)[id] = a[kind][id];
    }
    expect(JSON.stringify(exportDocument(b))).toBe(JSON.stringify(exportDocument(a)));
  });

  it('exports a document that validates', () => {
    const result = validateDocument(JSON.parse(JSON.stringify(exportDocument(snapshotWithExtras()))));
    expect(result.ok).toBe(true);
  });
});

describe('validateDocument: the power chain', () => {
  const base = {
    format: 'plenum/1',
    rooms: [{ id: 'room:a', name: 'A', widthMm: 5000, depthMm: 5000 }],
    racks: [{ id: 'rack:1', name: 'R1', roomId: 'room:a', xMm: 1000, yMm: 1000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 10, maxKg: 1000 }],
    deviceTypes: [{ id: 'dt:pdu', manufacturer: 'X', model: 'PDU', uHeight: 0, fullDepth: false, weightKg: 5, powerMaxW: null, powerTypicalW: null, airflow: null }],
  };
  const el = (id: string, kind: string, upstreamIds: string[] = []) => ({ id, name: id, kind, upstreamIds, voltageV: 400, phases: 3, breakerA: null, ratingKw: 100, ratingKva: null });
  const feed = (id: string, side: string, sourceId: string, extra = {}) => ({ id, name: id, rackId: 'rack:1', side, sourceId, breakerA: 32, voltageV: 230, phases: 1, ...extra });
  const paths = (doc: object) => {
    const r = validateDocument(doc);
    return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
  };

  it('accepts a chain from utility to rack feeds', () => {
    expect(paths({ ...base, powerElements: [el('u', 'utility'), el('ups', 'ups', ['u']), el('rpp', 'rpp', ['ups'])], powerFeeds: [feed('f:a', 'A', 'rpp'), feed('f:b', 'B', 'ups')] })).toEqual([]);
  });

  it('refuses a loop in the upstream links', () => {
    expect(paths({ ...base, powerElements: [el('x', 'pdu', ['y']), el('y', 'pdu', ['x'])] })).toEqual([
      'powerElements[0].upstreamIds: power element "x" feeds itself through its upstream links',
      'powerElements[1].upstreamIds: power element "y" feeds itself through its upstream links',
    ]);
  });

  it('refuses two feeds on one side of a rack, a feed from a generator, and a rack PDU in another rack', () => {
    const doc = {
      ...base,
      racks: [...base.racks, { ...base.racks[0], id: 'rack:2', name: 'R2', xMm: 2000 }],
      devices: [{ id: 'dev:pdu', name: 'PDU', rackId: 'rack:2', typeId: 'dt:pdu', position: 1, face: 'rear' }],
      powerElements: [el('g', 'generator'), el('rpp', 'rpp', ['g'])],
      powerFeeds: [feed('f:1', 'A', 'rpp'), feed('f:2', 'A', 'g', { rackPduDeviceId: 'dev:pdu' })],
    };
    expect(paths(doc)).toEqual([
      'powerFeeds[1].side: rack "rack:1" already has feed A ("f:1")',
      'powerFeeds[1].sourceId: a rack is fed from distribution (a PDU, RPP, panel or UPS), not straight from a generator',
      'powerFeeds[1].rackPduDeviceId: device "dev:pdu" is not in rack "rack:1"',
    ]);
  });
});
