import type { Migration } from './index';

/**
 * The capacity model (issue 4): the power chain (sources, UPS, distribution), rack feeds, and spot
 * environment readings. New optional fields of existing kinds (device type PSU count, room
 * ASHRAE class and floor rating, rack and cooler zones, rule settings) live in `extra`.
 */
export const migration003: Migration = {
  version: 3,
  name: 'capacity',
  up: `
    CREATE TABLE power_elements (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      upstreamIds TEXT NOT NULL CHECK (json_valid(upstreamIds) AND json_type(upstreamIds) = 'array'),
      voltageV REAL NOT NULL,
      phases INTEGER NOT NULL CHECK (phases IN (1, 3)),
      breakerA REAL,
      ratingKw REAL,
      ratingKva REAL,
      roomId TEXT REFERENCES rooms(id),
      floorEquipmentId TEXT REFERENCES floor_equipment(id),
      extra TEXT
    ) STRICT;
    CREATE INDEX power_elements_by_room ON power_elements(roomId);

    CREATE TABLE power_feeds (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      rackId TEXT NOT NULL REFERENCES racks(id),
      side TEXT NOT NULL CHECK (side IN ('A', 'B')),
      sourceId TEXT NOT NULL REFERENCES power_elements(id),
      breakerA REAL NOT NULL,
      voltageV REAL NOT NULL,
      phases INTEGER NOT NULL CHECK (phases IN (1, 3)),
      rackPduDeviceId TEXT REFERENCES devices(id),
      extra TEXT
    ) STRICT;
    CREATE INDEX power_feeds_by_rack ON power_feeds(rackId);
    CREATE INDEX power_feeds_by_source ON power_feeds(sourceId);

    CREATE TABLE env_readings (
      id TEXT PRIMARY KEY,
      roomId TEXT NOT NULL REFERENCES rooms(id),
      rackId TEXT REFERENCES racks(id),
      takenAt TEXT NOT NULL,
      temperatureC REAL NOT NULL,
      humidityPct REAL,
      extra TEXT
    ) STRICT;
    CREATE INDEX env_readings_by_room ON env_readings(roomId);
  `,
};
