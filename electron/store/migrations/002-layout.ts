import type { Migration } from './index';

/**
 * The layout editor's model: rack types, rows, obstacles, doors, floor equipment, plan
 * annotations, and the optional links rack → rack type and device → parent chassis.
 * Room outlines, tile grids and aisle minimums are optional room fields kept in `extra`.
 */
export const migration002: Migration = {
  version: 2,
  name: 'layout',
  up: `
    CREATE TABLE rack_types (
      id TEXT PRIMARY KEY,
      manufacturer TEXT NOT NULL,
      model TEXT NOT NULL,
      uHeight INTEGER NOT NULL CHECK (uHeight >= 1),
      widthMm REAL NOT NULL,
      depthMm REAL NOT NULL,
      maxKw REAL NOT NULL,
      maxKg REAL NOT NULL,
      emptyWeightKg REAL NOT NULL,
      extra TEXT
    ) STRICT;

    ALTER TABLE racks ADD COLUMN rackTypeId TEXT REFERENCES rack_types(id);
    CREATE INDEX racks_by_type ON racks(rackTypeId);

    ALTER TABLE devices ADD COLUMN parentDeviceId TEXT REFERENCES devices(id);
    CREATE INDEX devices_by_parent ON devices(parentDeviceId);

    CREATE TABLE rows (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      roomId TEXT NOT NULL REFERENCES rooms(id),
      rackIds TEXT NOT NULL CHECK (json_valid(rackIds) AND json_type(rackIds) = 'array'),
      orientationDeg REAL NOT NULL,
      frontAisle TEXT NOT NULL CHECK (frontAisle IN ('cold', 'hot')),
      containment TEXT NOT NULL,
      extra TEXT
    ) STRICT;
    CREATE INDEX rows_by_room ON rows(roomId);

    CREATE TABLE obstacles (
      id TEXT PRIMARY KEY,
      roomId TEXT NOT NULL REFERENCES rooms(id),
      kind TEXT NOT NULL,
      xMm REAL NOT NULL,
      yMm REAL NOT NULL,
      widthMm REAL NOT NULL,
      depthMm REAL NOT NULL,
      rotationDeg REAL NOT NULL,
      extra TEXT
    ) STRICT;
    CREATE INDEX obstacles_by_room ON obstacles(roomId);

    CREATE TABLE doors (
      id TEXT PRIMARY KEY,
      roomId TEXT NOT NULL REFERENCES rooms(id),
      xMm REAL NOT NULL,
      yMm REAL NOT NULL,
      widthMm REAL NOT NULL,
      rotationDeg REAL NOT NULL,
      extra TEXT
    ) STRICT;
    CREATE INDEX doors_by_room ON doors(roomId);

    CREATE TABLE floor_equipment (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      roomId TEXT NOT NULL REFERENCES rooms(id),
      kind TEXT NOT NULL,
      xMm REAL NOT NULL,
      yMm REAL NOT NULL,
      rotationDeg REAL NOT NULL,
      widthMm REAL NOT NULL,
      depthMm REAL NOT NULL,
      heightMm REAL NOT NULL,
      coolingKw REAL,
      powerKva REAL,
      weightKg REAL,
      extra TEXT
    ) STRICT;
    CREATE INDEX floor_equipment_by_room ON floor_equipment(roomId);

    CREATE TABLE annotations (
      id TEXT PRIMARY KEY,
      roomId TEXT NOT NULL REFERENCES rooms(id),
      kind TEXT NOT NULL CHECK (kind IN ('label', 'dimension')),
      xMm REAL NOT NULL,
      yMm REAL NOT NULL,
      extra TEXT
    ) STRICT;
    CREATE INDEX annotations_by_room ON annotations(roomId);
  `,
};
