/**
 * Changes are the unit of persistence and of undo.
 *
 * A command never mutates anything: it reads the document through a `DocReader` and returns the
 * list of entity-level changes it wants. The store applies them in one SQLite transaction and
 * records, next to them, the inverse changes it computed from the rows it replaced. Undo applies
 * the inverse; redo applies the forward list again. Because changes are plain data they can be
 * stored in the op log, sent to the renderer as change events, and replayed in tests.
 */
import type { AnyEntity, DocumentSnapshot, EntityByKind, EntityKind, ProjectMeta } from './schema';
import { ENTITY_KINDS } from './schema';

export type EntityChange =
  | { op: 'put'; kind: EntityKind; entity: AnyEntity }
  | { op: 'delete'; kind: EntityKind; id: string };
export type ProjectChange = { op: 'project'; project: ProjectMeta };
export type Change = EntityChange | ProjectChange;

/** Read access to a document, implemented by the SQLite store and by in-memory snapshots. */
export interface DocReader {
  project(): ProjectMeta;
  get<K extends EntityKind>(kind: K, id: string): EntityByKind[K] | undefined;
  /** All entities of a kind, optionally only those whose `field` equals `value` (indexed for references). */
  list<K extends EntityKind>(kind: K, where?: { field: string; value: string }): EntityByKind[K][];
  count(kind: EntityKind): number;
}

export class SnapshotReader implements DocReader {
  constructor(private readonly snapshot: DocumentSnapshot) {}
  project(): ProjectMeta {
    return this.snapshot.project;
  }
  get<K extends EntityKind>(kind: K, id: string): EntityByKind[K] | undefined {
    return (this.snapshot[kind] as Record<string, EntityByKind[K]>)[id];
  }
  list<K extends EntityKind>(kind: K, where?: { field: string; value: string }): EntityByKind[K][] {
    const all = Object.values(this.snapshot[kind] as Record<string, EntityByKind[K]>);
    if (!where) return all;
    return all.filter((e) => (e as Record<string, unknown>)[where.field] === where.value);
  }
  count(kind: EntityKind): number {
    return Object.keys(this.snapshot[kind]).length;
  }
}

/**
 * Applies changes to a snapshot in place and returns their inverse (in undo order).
 * The renderer's document mirror and the core tests use this; the SQLite store has its own
 * transactional equivalent with the same semantics.
 */
export function applyChangesToSnapshot(snapshot: DocumentSnapshot, changes: readonly Change[]): Change[] {
  const inverse: Change[] = [];
  for (const change of changes) {
    if (change.op === 'project') {
      inverse.push({ op: 'project', project: snapshot.project });
      snapshot.project = change.project;
      continue;
    }
    const table = snapshot[change.kind] as Record<string, AnyEntity>;
    const id = change.op === 'put' ? change.entity.id : change.id;
    const previous = table[id];
    inverse.push(previous ? { op: 'put', kind: change.kind, entity: previous } : { op: 'delete', kind: change.kind, id });
    if (change.op === 'put') table[id] = change.entity;
    else delete table[id];
  }
  return inverse.reverse();
}

export function cloneSnapshot(s: DocumentSnapshot): DocumentSnapshot {
  const out = { project: { ...s.project } } as DocumentSnapshot;
  for (const kind of ENTITY_KINDS) (out as unknown as Record<string, unknown>)[kind] = { ...s[kind] };
  return out;
}
