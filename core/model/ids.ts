/** Ids are prefixed by kind so that a bare id in a log or an error message says what it is. */
export const ID_PREFIX = {
  deviceTypes: 'dt',
  rooms: 'room',
  racks: 'rack',
  devices: 'dev',
} as const;

export type IdFactory = (prefix: string) => string;

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Random, URL-safe, collision-resistant enough for one project file (36^12 ≈ 4.7e18). */
export const randomId: IdFactory = (prefix) => {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += ALPHABET[b % 36];
  return `${prefix}:${s}`;
};

/** Deterministic ids for tests and the demo project. */
export function sequentialIds(start = 1): IdFactory {
  let n = start;
  return (prefix) => `${prefix}:${String(n++).padStart(4, '0')}`;
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
