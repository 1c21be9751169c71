import type { Migration } from './index';

/**
 * Operations registers (issue 7): sensors, maintenance schedules and entries, backup policies
 * and runs, licences and their assignments, the event log and contacts (entity tables, carried by
 * the document mirror), and `env_blocks`, the sensor time series, which is NOT an entity table:
 * a year of 5-minute readings is ~105,000 rows per sensor, far too many for the snapshot or the
 * undo log. Each sample belongs to a `reading_imports` row; undoing an import deletes that row,
 * and queries only see samples whose import exists, so undo and redo cost one row each.
 * Samples are stored in blocks (`env_blocks`), see below.
 * Asset references of the registers are not foreign keys: an operations record outlives the
 * design object (a replaced server keeps its maintenance history).
 */
export const migration005: Migration = {
  version: 5,
  name: 'operations',
  up: `
    CREATE TABLE sensors (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      roomId TEXT NOT NULL REFERENCES rooms(id),
      rackId TEXT REFERENCES racks(id),
      placement TEXT NOT NULL,
      externalId TEXT,
      extra TEXT
    ) STRICT;
    CREATE INDEX sensors_by_room ON sensors(roomId);
    CREATE INDEX sensors_by_rack ON sensors(rackId);

    CREATE TABLE reading_imports (
      id TEXT PRIMARY KEY,
      fileName TEXT NOT NULL,
      importedAt TEXT NOT NULL,
      rows INTEGER NOT NULL,
      sensorIds TEXT NOT NULL CHECK (json_valid(sensorIds) AND json_type(sensorIds) = 'array'),
      extra TEXT
    ) STRICT;

    -- Readings are stored in blocks: one row per sensor, import and run of up to 1,024
    -- consecutive samples (a few days at 5-minute intervals). data holds three little-endian
    -- columns: Int32 seconds after t0, Float32 °C, Float32 %RH (NaN: no humidity). A year of one
    -- sensor is ~100 rows instead of 105,120, so a chart reads it in milliseconds.
    -- No foreign keys: a block outlives an undone import until the redo history is dropped
    -- (then electron/store/readings.ts purges it).
    CREATE TABLE env_blocks (
      sensorId TEXT NOT NULL,
      importId TEXT NOT NULL,
      t0 INTEGER NOT NULL,
      t1 INTEGER NOT NULL,
      n INTEGER NOT NULL CHECK (n >= 1),
      data BLOB NOT NULL CHECK (length(data) = 12 * n),
      PRIMARY KEY (sensorId, t0, importId)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX env_blocks_by_import ON env_blocks(importId);

    CREATE TABLE maintenance_schedules (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      category TEXT NOT NULL,
      startDate TEXT NOT NULL,
      active INTEGER NOT NULL CHECK (active IN (0, 1)),
      extra TEXT
    ) STRICT;

    CREATE TABLE maintenance (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      category TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('planned', 'approved', 'in-progress', 'done', 'cancelled')),
      scheduleId TEXT REFERENCES maintenance_schedules(id),
      issueId TEXT REFERENCES cx_issues(id),
      extra TEXT
    ) STRICT;
    CREATE INDEX maintenance_by_schedule ON maintenance(scheduleId);

    CREATE TABLE backup_policies (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      active INTEGER NOT NULL CHECK (active IN (0, 1)),
      extra TEXT
    ) STRICT;

    CREATE TABLE backup_runs (
      id TEXT PRIMARY KEY,
      policyId TEXT NOT NULL REFERENCES backup_policies(id),
      kind TEXT NOT NULL CHECK (kind IN ('backup', 'restore-test')),
      startedAt TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('success', 'partial', 'failed')),
      extra TEXT
    ) STRICT;
    CREATE INDEX backup_runs_by_policy ON backup_runs(policyId);

    CREATE TABLE licences (
      id TEXT PRIMARY KEY,
      product TEXT NOT NULL,
      vendor TEXT NOT NULL,
      metric TEXT NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity >= 0),
      expiresOn TEXT,
      extra TEXT
    ) STRICT;

    CREATE TABLE licence_assignments (
      id TEXT PRIMARY KEY,
      licenceId TEXT NOT NULL REFERENCES licences(id),
      deviceId TEXT NOT NULL REFERENCES devices(id),
      units INTEGER NOT NULL CHECK (units >= 1),
      extra TEXT
    ) STRICT;
    CREATE INDEX licence_assignments_by_licence ON licence_assignments(licenceId);
    CREATE INDEX licence_assignments_by_device ON licence_assignments(deviceId);

    CREATE TABLE ops_events (
      id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      category TEXT NOT NULL,
      severity TEXT NOT NULL,
      title TEXT NOT NULL,
      extra TEXT
    ) STRICT;

    CREATE TABLE contacts (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      escalationLevel INTEGER NOT NULL,
      extra TEXT
    ) STRICT;
  `,
};
