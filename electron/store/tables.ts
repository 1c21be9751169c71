/**
 * How each entity kind maps to its STRICT table. Interchange fields get real, typed columns
 * (so SQLite enforces types and the indexes on references work); any other field is kept in the
 * `extra` JSON column so that unknown data survives a round trip.
 */
import type { AnyEntity, EntityKind } from '../../core/model/schema';

/** JSON: a TEXT column holding a JSON value (e.g. a row's ordered rack ids). */
export type ColumnType = 'TEXT' | 'REAL' | 'INTEGER' | 'BOOL' | 'JSON';

export interface Column {
  name: string;
  type: ColumnType;
  nullable?: boolean;
}

export interface TableDef {
  table: string;
  columns: Column[];
}

export const TABLES: Record<EntityKind, TableDef> = {
  deviceTypes: {
    table: 'device_types',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'manufacturer', type: 'TEXT' },
      { name: 'model', type: 'TEXT' },
      { name: 'uHeight', type: 'REAL' },
      { name: 'fullDepth', type: 'BOOL' },
      { name: 'weightKg', type: 'REAL', nullable: true },
      { name: 'powerMaxW', type: 'REAL', nullable: true },
      { name: 'powerTypicalW', type: 'REAL', nullable: true },
      { name: 'airflow', type: 'TEXT', nullable: true },
    ],
  },
  rooms: {
    table: 'rooms',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'name', type: 'TEXT' },
      { name: 'widthMm', type: 'REAL' },
      { name: 'depthMm', type: 'REAL' },
    ],
  },
  racks: {
    table: 'racks',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'name', type: 'TEXT' },
      { name: 'roomId', type: 'TEXT' },
      { name: 'xMm', type: 'REAL' },
      { name: 'yMm', type: 'REAL' },
      { name: 'rotationDeg', type: 'REAL' },
      { name: 'uHeight', type: 'INTEGER' },
      { name: 'widthMm', type: 'REAL' },
      { name: 'depthMm', type: 'REAL' },
      { name: 'maxKw', type: 'REAL' },
      { name: 'maxKg', type: 'REAL' },
      { name: 'rackTypeId', type: 'TEXT', nullable: true },
    ],
  },
  rackTypes: {
    table: 'rack_types',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'manufacturer', type: 'TEXT' },
      { name: 'model', type: 'TEXT' },
      { name: 'uHeight', type: 'INTEGER' },
      { name: 'widthMm', type: 'REAL' },
      { name: 'depthMm', type: 'REAL' },
      { name: 'maxKw', type: 'REAL' },
      { name: 'maxKg', type: 'REAL' },
      { name: 'emptyWeightKg', type: 'REAL' },
    ],
  },
  rows: {
    table: 'rows',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'name', type: 'TEXT' },
      { name: 'roomId', type: 'TEXT' },
      { name: 'rackIds', type: 'JSON' },
      { name: 'orientationDeg', type: 'REAL' },
      { name: 'frontAisle', type: 'TEXT' },
      { name: 'containment', type: 'TEXT' },
    ],
  },
  obstacles: {
    table: 'obstacles',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'roomId', type: 'TEXT' },
      { name: 'kind', type: 'TEXT' },
      { name: 'xMm', type: 'REAL' },
      { name: 'yMm', type: 'REAL' },
      { name: 'widthMm', type: 'REAL' },
      { name: 'depthMm', type: 'REAL' },
      { name: 'rotationDeg', type: 'REAL' },
    ],
  },
  doors: {
    table: 'doors',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'roomId', type: 'TEXT' },
      { name: 'xMm', type: 'REAL' },
      { name: 'yMm', type: 'REAL' },
      { name: 'widthMm', type: 'REAL' },
      { name: 'rotationDeg', type: 'REAL' },
    ],
  },
  floorEquipment: {
    table: 'floor_equipment',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'name', type: 'TEXT' },
      { name: 'roomId', type: 'TEXT' },
      { name: 'kind', type: 'TEXT' },
      { name: 'xMm', type: 'REAL' },
      { name: 'yMm', type: 'REAL' },
      { name: 'rotationDeg', type: 'REAL' },
      { name: 'widthMm', type: 'REAL' },
      { name: 'depthMm', type: 'REAL' },
      { name: 'heightMm', type: 'REAL' },
      { name: 'coolingKw', type: 'REAL', nullable: true },
      { name: 'powerKva', type: 'REAL', nullable: true },
      { name: 'weightKg', type: 'REAL', nullable: true },
    ],
  },
  annotations: {
    table: 'annotations',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'roomId', type: 'TEXT' },
      { name: 'kind', type: 'TEXT' },
      { name: 'xMm', type: 'REAL' },
      { name: 'yMm', type: 'REAL' },
    ],
  },
  powerElements: {
    table: 'power_elements',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'name', type: 'TEXT' },
      { name: 'kind', type: 'TEXT' },
      { name: 'upstreamIds', type: 'JSON' },
      { name: 'voltageV', type: 'REAL' },
      { name: 'phases', type: 'INTEGER' },
      { name: 'breakerA', type: 'REAL', nullable: true },
      { name: 'ratingKw', type: 'REAL', nullable: true },
      { name: 'ratingKva', type: 'REAL', nullable: true },
      { name: 'roomId', type: 'TEXT', nullable: true },
      { name: 'floorEquipmentId', type: 'TEXT', nullable: true },
    ],
  },
  powerFeeds: {
    table: 'power_feeds',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'name', type: 'TEXT' },
      { name: 'rackId', type: 'TEXT' },
      { name: 'side', type: 'TEXT' },
      { name: 'sourceId', type: 'TEXT' },
      { name: 'breakerA', type: 'REAL' },
      { name: 'voltageV', type: 'REAL' },
      { name: 'phases', type: 'INTEGER' },
      { name: 'rackPduDeviceId', type: 'TEXT', nullable: true },
    ],
  },
  envReadings: {
    table: 'env_readings',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'roomId', type: 'TEXT' },
      { name: 'rackId', type: 'TEXT', nullable: true },
      { name: 'takenAt', type: 'TEXT' },
      { name: 'temperatureC', type: 'REAL' },
      { name: 'humidityPct', type: 'REAL', nullable: true },
    ],
  },
  devices: {
    table: 'devices',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'name', type: 'TEXT' },
      { name: 'rackId', type: 'TEXT' },
      { name: 'typeId', type: 'TEXT' },
      { name: 'position', type: 'REAL' },
      { name: 'face', type: 'TEXT' },
      { name: 'parentDeviceId', type: 'TEXT', nullable: true },
    ],
  },
  cxTemplates: {
    table: 'cx_templates',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'templateId', type: 'TEXT' },
      { name: 'version', type: 'INTEGER' },
      { name: 'title', type: 'TEXT' },
      { name: 'level', type: 'TEXT' },
      { name: 'yaml', type: 'TEXT' },
      { name: 'publishedAt', type: 'TEXT' },
      { name: 'publishedBy', type: 'TEXT' },
    ],
  },
  cxInstances: {
    table: 'cx_instances',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'templateId', type: 'TEXT' },
      { name: 'templateVersion', type: 'INTEGER' },
      { name: 'level', type: 'TEXT' },
      { name: 'assetKind', type: 'TEXT' },
      { name: 'assetId', type: 'TEXT' },
      { name: 'roomId', type: 'TEXT', nullable: true },
      { name: 'createdBy', type: 'TEXT' },
      { name: 'createdAt', type: 'TEXT' },
    ],
  },
  cxAnswers: {
    table: 'cx_answers',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'instanceId', type: 'TEXT' },
      { name: 'itemId', type: 'TEXT' },
      { name: 'rowKey', type: 'TEXT', nullable: true },
      { name: 'value', type: 'JSON' },
      { name: 'status', type: 'TEXT', nullable: true },
      { name: 'author', type: 'TEXT' },
      { name: 'deviceId', type: 'TEXT' },
      { name: 'at', type: 'TEXT' },
    ],
  },
  cxSignOffs: {
    table: 'cx_sign_offs',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'instanceId', type: 'TEXT' },
      { name: 'scope', type: 'TEXT' },
      { name: 'name', type: 'TEXT' },
      { name: 'role', type: 'TEXT' },
      { name: 'covers', type: 'JSON' },
      { name: 'author', type: 'TEXT' },
      { name: 'deviceId', type: 'TEXT' },
      { name: 'at', type: 'TEXT' },
      { name: 'invalidatedAt', type: 'TEXT', nullable: true },
    ],
  },
  cxIssues: {
    table: 'cx_issues',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'title', type: 'TEXT' },
      { name: 'severity', type: 'TEXT' },
      { name: 'status', type: 'TEXT' },
      { name: 'instanceId', type: 'TEXT', nullable: true },
      { name: 'assetId', type: 'TEXT', nullable: true },
      { name: 'owner', type: 'TEXT' },
      { name: 'assignee', type: 'TEXT', nullable: true },
      { name: 'author', type: 'TEXT' },
      { name: 'deviceId', type: 'TEXT' },
      { name: 'at', type: 'TEXT' },
    ],
  },
  // Operations (issue 7): references and the fields registers filter on get columns; the rest
  // rides in `extra`.
  sensors: {
    table: 'sensors',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'name', type: 'TEXT' },
      { name: 'roomId', type: 'TEXT' },
      { name: 'rackId', type: 'TEXT', nullable: true },
      { name: 'placement', type: 'TEXT' },
      { name: 'externalId', type: 'TEXT', nullable: true },
    ],
  },
  readingImports: {
    table: 'reading_imports',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'fileName', type: 'TEXT' },
      { name: 'importedAt', type: 'TEXT' },
      { name: 'rows', type: 'INTEGER' },
      { name: 'sensorIds', type: 'JSON' },
    ],
  },
  maintenanceSchedules: {
    table: 'maintenance_schedules',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'title', type: 'TEXT' },
      { name: 'category', type: 'TEXT' },
      { name: 'startDate', type: 'TEXT' },
      { name: 'active', type: 'BOOL' },
    ],
  },
  maintenance: {
    table: 'maintenance',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'title', type: 'TEXT' },
      { name: 'category', type: 'TEXT' },
      { name: 'status', type: 'TEXT' },
      { name: 'scheduleId', type: 'TEXT', nullable: true },
      { name: 'issueId', type: 'TEXT', nullable: true },
    ],
  },
  backupPolicies: {
    table: 'backup_policies',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'name', type: 'TEXT' },
      { name: 'active', type: 'BOOL' },
    ],
  },
  backupRuns: {
    table: 'backup_runs',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'policyId', type: 'TEXT' },
      { name: 'kind', type: 'TEXT' },
      { name: 'startedAt', type: 'TEXT' },
      { name: 'status', type: 'TEXT' },
    ],
  },
  licences: {
    table: 'licences',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'product', type: 'TEXT' },
      { name: 'vendor', type: 'TEXT' },
      { name: 'metric', type: 'TEXT' },
      { name: 'quantity', type: 'INTEGER' },
      { name: 'expiresOn', type: 'TEXT', nullable: true },
    ],
  },
  licenceAssignments: {
    table: 'licence_assignments',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'licenceId', type: 'TEXT' },
      { name: 'deviceId', type: 'TEXT' },
      { name: 'units', type: 'INTEGER' },
    ],
  },
  opsEvents: {
    table: 'ops_events',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'at', type: 'TEXT' },
      { name: 'category', type: 'TEXT' },
      { name: 'severity', type: 'TEXT' },
      { name: 'title', type: 'TEXT' },
    ],
  },
  contacts: {
    table: 'contacts',
    columns: [
      { name: 'id', type: 'TEXT' },
      { name: 'name', type: 'TEXT' },
      { name: 'role', type: 'TEXT' },
      { name: 'escalationLevel', type: 'INTEGER' },
    ],
  },
};

const KNOWN: Record<EntityKind, Set<string>> = Object.fromEntries(
  Object.entries(TABLES).map(([k, def]) => [k, new Set(def.columns.map((c) => c.name))]),
) as Record<EntityKind, Set<string>>;

type SqlValue = string | number | null;

/** Columns added for optional fields: NULL means the field is absent (not an explicit null). */
const OPTIONAL_COLUMNS = new Set(['racks.rackTypeId', 'devices.parentDeviceId', 'powerElements.roomId', 'powerElements.floorEquipmentId', 'powerFeeds.rackPduDeviceId', 'envReadings.rackId',
  'cxInstances.roomId', 'cxAnswers.rowKey', 'cxSignOffs.invalidatedAt', 'cxIssues.instanceId', 'cxIssues.assetId', 'cxIssues.assignee',
  'sensors.rackId', 'sensors.externalId', 'maintenance.scheduleId', 'maintenance.issueId', 'licences.expiresOn']);

/** Entity → positional parameters: the columns in order, then `extra`. */
export function toRow(kind: EntityKind, entity: AnyEntity): SqlValue[] {
  const def = TABLES[kind];
  const record = entity as unknown as Record<string, unknown>;
  const row: SqlValue[] = new Array(def.columns.length + 1);
  for (let i = 0; i < def.columns.length; i++) {
    const col = def.columns[i]!;
    const v = record[col.name];
    row[i] = v === undefined || v === null ? null : col.type === 'BOOL' ? (v ? 1 : 0) : col.type === 'JSON' ? JSON.stringify(v) : (v as SqlValue);
  }
  let extra: Record<string, unknown> | null = null;
  const known = KNOWN[kind];
  for (const key in record) {
    if (!known.has(key) && record[key] !== undefined) (extra ??= {})[key] = record[key];
  }
  row[def.columns.length] = extra ? JSON.stringify(extra) : null;
  return row;
}

export function fromRow(kind: EntityKind, row: Record<string, unknown>): AnyEntity {
  const def = TABLES[kind];
  const out: Record<string, unknown> = {};
  for (const col of def.columns) {
    const v = row[col.name];
    // A nullable column that is NULL was an absent optional field (e.g. rackTypeId): keep it
    // absent rather than inventing `null`, so export → import → export stays identical.
    if (v === null && col.nullable && OPTIONAL_COLUMNS.has(`${kind}.${col.name}`)) continue;
    out[col.name] = col.type === 'BOOL' ? v === 1 : col.type === 'JSON' ? JSON.parse(v as string) : v;
  }
  if (typeof row.extra === 'string') Object.assign(out, JSON.parse(row.extra));
  return out as unknown as AnyEntity;
}
