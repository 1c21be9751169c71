/**
 * Numbered schema migrations. Each runs in its own transaction together with the
 * `PRAGMA user_version` bump, so a file is always at exactly one version. Never edit a shipped
 * migration: add the next one.
 */
import { migration001 } from './001-initial';
import { migration002 } from './002-layout';
import { migration003 } from './003-capacity';
import { migration004 } from './004-commissioning';
import { migration005 } from './005-operations';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005];
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
