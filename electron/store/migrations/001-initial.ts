import type { Migration } from './index';

/** The foundation schema: project metadata, the design entities and the undo op log. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE device_types (
      id TEXT PRIMARY KEY,
      manufacturer TEXT NOT NULL,
      model TEXT NOT NULL,
      uHeight REAL NOT NULL CHECK (uHeight >= 0),
      fullDepth INTEGER NOT NULL CHECK (fullDepth IN (0, 1)),
      weightKg REAL,
      powerMaxW REAL,
      powerTypicalW REAL,
      airflow TEXT,
      extra TEXT
    ) STRICT;

    CREATE TABLE rooms (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      widthMm REAL NOT NULL CHECK (widthMm > 0),
      depthMm REAL NOT NULL CHECK (depthMm > 0),
      extra TEXT
    ) STRICT;

    CREATE TABLE racks (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      roomId TEXT NOT NULL REFERENCES rooms(id),
      xMm REAL NOT NULL,
      yMm REAL NOT NULL,
      rotationDeg REAL NOT NULL,
      uHeight INTEGER NOT NULL CHECK (uHeight >= 1),
      widthMm REAL NOT NULL,
      depthMm REAL NOT NULL,
      maxKw REAL NOT NULL,
      maxKg REAL NOT NULL,
      extra TEXT
    ) STRICT;
    CREATE INDEX racks_by_room ON racks(roomId);

    CREATE TABLE devices (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      rackId TEXT NOT NULL REFERENCES racks(id),
      typeId TEXT NOT NULL REFERENCES device_types(id),
      position REAL NOT NULL CHECK (position >= 1),
      face TEXT NOT NULL CHECK (face IN ('front', 'rear')),
      extra TEXT
    ) STRICT;
    CREATE INDEX devices_by_rack ON devices(rackId);
    CREATE INDEX devices_by_type ON devices(typeId);

    -- The undo history. One row per user gesture. Rows with undone = 1 form the redo stack and
    -- are dropped when a new command is applied. \`inverse\` reverts the step; \`forward\`
    -- re-applies it and is filled in when the step is undone (NULL until then).
    CREATE TABLE oplog (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, so a seq names one step forever
      command TEXT NOT NULL,
      label TEXT NOT NULL,
      forward TEXT,
      inverse TEXT NOT NULL,
      undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
      at TEXT NOT NULL,
      CHECK (undone = 0 OR forward IS NOT NULL)
    ) STRICT;
  `,
};
