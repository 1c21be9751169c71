import type { Migration } from './index';

/**
 * Commissioning (issue 5): published template versions, checklist instances, answers, sign-offs
 * and issues (entity tables, carried by the document mirror), plus two tables that are NOT
 * entities and never travel to the renderer or through undo:
 *  - `cx_audit`, the append-only audit log. Triggers refuse UPDATE and DELETE, so not even a
 *    bug in Plenum can rewrite history; each row holds the SHA-256 of the previous row and of
 *    itself (a hash chain: editing the file by hand is detectable, see cx-audit.ts).
 *  - `cx_blobs`, photos and files by content hash; rows are immutable and shared.
 * Asset ids and room ids of checklists are not foreign keys: a checklist is a record of what was
 * tested and outlives the design object (deleting a rack must not delete its test history).
 */
export const migration004: Migration = {
  version: 4,
  name: 'commissioning',
  up: `
    CREATE TABLE cx_templates (
      id TEXT PRIMARY KEY,
      templateId TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      title TEXT NOT NULL,
      level TEXT NOT NULL,
      yaml TEXT NOT NULL,
      publishedAt TEXT NOT NULL,
      publishedBy TEXT NOT NULL,
      extra TEXT,
      UNIQUE (templateId, version)
    ) STRICT;

    CREATE TABLE cx_instances (
      id TEXT PRIMARY KEY,
      templateId TEXT NOT NULL,
      templateVersion INTEGER NOT NULL,
      level TEXT NOT NULL,
      assetKind TEXT NOT NULL,
      assetId TEXT NOT NULL,
      roomId TEXT,
      createdBy TEXT NOT NULL,
      createdAt TEXT NOT NULL,
      extra TEXT
    ) STRICT;
    CREATE INDEX cx_instances_by_asset ON cx_instances(assetId);
    CREATE INDEX cx_instances_by_template ON cx_instances(templateId);
    CREATE INDEX cx_instances_by_room ON cx_instances(roomId);

    CREATE TABLE cx_answers (
      id TEXT PRIMARY KEY,
      instanceId TEXT NOT NULL REFERENCES cx_instances(id),
      itemId TEXT NOT NULL,
      rowKey TEXT,
      value TEXT NOT NULL CHECK (json_valid(value)),
      status TEXT CHECK (status IN ('pass', 'fail', 'na')),
      author TEXT NOT NULL,
      deviceId TEXT NOT NULL,
      at TEXT NOT NULL,
      extra TEXT
    ) STRICT;
    CREATE INDEX cx_answers_by_instance ON cx_answers(instanceId);

    CREATE TABLE cx_sign_offs (
      id TEXT PRIMARY KEY,
      instanceId TEXT NOT NULL REFERENCES cx_instances(id),
      scope TEXT NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      covers TEXT NOT NULL CHECK (json_valid(covers) AND json_type(covers) = 'array'),
      author TEXT NOT NULL,
      deviceId TEXT NOT NULL,
      at TEXT NOT NULL,
      invalidatedAt TEXT,
      extra TEXT
    ) STRICT;
    CREATE INDEX cx_sign_offs_by_instance ON cx_sign_offs(instanceId);

    CREATE TABLE cx_issues (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'observation')),
      status TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'resolved', 'closed', 'reopened')),
      instanceId TEXT REFERENCES cx_instances(id),
      assetId TEXT,
      owner TEXT NOT NULL,
      assignee TEXT,
      author TEXT NOT NULL,
      deviceId TEXT NOT NULL,
      at TEXT NOT NULL,
      extra TEXT
    ) STRICT;
    CREATE INDEX cx_issues_by_instance ON cx_issues(instanceId);
    CREATE INDEX cx_issues_by_asset ON cx_issues(assetId);

    CREATE TABLE cx_audit (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,          -- the local time the action was taken, with its offset
      recordedAt TEXT NOT NULL,  -- when this file recorded it (UTC)
      author TEXT NOT NULL,
      deviceId TEXT NOT NULL,
      opSeq INTEGER,             -- the undo step (oplog.seq) it belongs to
      command TEXT NOT NULL,
      entity TEXT NOT NULL,      -- kind:id
      field TEXT NOT NULL,
      old TEXT,                  -- JSON, NULL when the field was absent
      new TEXT,
      reason TEXT,
      prevHash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cx_audit_by_entity ON cx_audit(entity);
    CREATE TRIGGER cx_audit_no_update BEFORE UPDATE ON cx_audit
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER cx_audit_no_delete BEFORE DELETE ON cx_audit
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

    CREATE TABLE cx_blobs (
      id TEXT PRIMARY KEY,       -- blob:<sha256 of data>
      mime TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      width INTEGER,
      height INTEGER,
      data BLOB NOT NULL,
      original BLOB,             -- the file as imported, only when the user keeps originals
      originalMime TEXT,
      createdAt TEXT NOT NULL
    ) STRICT;
  `,
};
