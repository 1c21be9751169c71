/**
 * The environment readings CSV (issue 7 §4), parsed and validated before anything is written.
 *
 * Documented columns: `timestamp,sensor,temperatureC,humidityPct` (humidityPct may be empty or
 * absent). A `mapping` names other headers for these four fields (a BMS export says "Time",
 * "Point", "Temp", "RH"). The delimiter is `,` or, when the header has `;` and no `,`, `;` with
 * decimal commas (European exports). Fields may be quoted ("…", with "" for a quote) but may not
 * contain line breaks: a reading is one line.
 *
 * Timestamps: ISO 8601 with an offset or Z (`2026-11-25T14:05:00+01:00`, a space instead of the
 * T is accepted), or Unix seconds. A timestamp without an offset is refused unless `utcOffset`
 * says which one the export used, because guessing the zone would shift a whole year of data.
 *
 * The parser is incremental (`push` chunks, then `finish`) and columnar, so a million rows cost
 * four typed arrays and a sensor index, not a million objects.
 */

export const READING_FIELDS = ['timestamp', 'sensor', 'temperatureC', 'humidityPct'] as const;
export type ReadingField = (typeof READING_FIELDS)[number];

export interface ReadingsCsvOptions {
  /** Header names for the fields, when they are not the documented ones. */
  mapping?: Partial<Record<ReadingField, string>>;
  /** Offset for timestamps that carry none, e.g. "+01:00" or "Z". */
  utcOffset?: string;
  /** For messages: the file's name. */
  fileName?: string;
  /** Stop collecting errors after this many (the count goes on). */
  maxErrors?: number;
}

export interface RowError {
  line: number;
  field?: ReadingField;
  message: string;
}

export interface ParsedReadings {
  /** Distinct sensor names, in order of first appearance. */
  sensors: string[];
  /** Per valid row: index into `sensors`. */
  sensorIndex: Int32Array;
  t: Float64Array;
  temperatureC: Float64Array;
  /** NaN: no humidity. */
  humidityPct: Float64Array;
  rows: number;
  /** Data lines that failed validation (all of them are counted, `errors` keeps the first ones). */
  invalid: number;
  errors: RowError[];
  /** A problem with the file as a whole (no header, missing column): nothing can be read. */
  fatal?: string;
  delimiter: ',' | ';';
}

const OFFSET = /^(Z|[+-]\d{2}:?\d{2})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Unix seconds of a timestamp field, or an error message. */
export function parseTimestamp(text: string, utcOffset?: string): number | string {
  if (/^\d{9,11}(\.\d+)?$/.test(text)) return Number(text);
  const m = ISO.exec(text);
  if (!m) return `"${text}" is not a timestamp (use ISO 8601 with an offset, e.g. 2026-11-25T14:05:00+01:00, or Unix seconds)`;
  const offset = m[8] ?? utcOffset;
  if (offset === undefined) return `"${text}" has no UTC offset: add one (…+01:00 or …Z) or give the export's offset (--utc-offset)`;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return `"${text}" is not a valid date and time`;
  let ms = Date.UTC(y, mo - 1, d, h, mi, s) + (m[7] ? Math.round(Number(m[7]) * 1000) : 0);
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return `"${text}" is not a valid date (${y}-${m[2]} has no day ${d})`;
  if (offset !== 'Z') {
    const sign = offset[0] === '-' ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return ms / 1000;
}

/** Splits one CSV line (quotes allowed, no line breaks inside fields). Null: an unterminated quote. */
export function splitCsvLine(line: string, delimiter: string): string[] | null {
  if (!line.includes('"')) return line.split(delimiter);
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      if (i < line.length && line[i] !== delimiter) return null;
      i++;
    } else {
      const next = line.indexOf(delimiter, i);
      const end = next < 0 ? line.length : next;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

export class ReadingsCsvParser {
  private readonly opts: ReadingsCsvOptions;
  private carry = '';
  private line = 0;
  private columns: Record<ReadingField, number> | null = null;
  private delimiter: ',' | ';' = ',';
  private fatal: string | undefined;
  private readonly sensorIds = new Map<string, number>();
  private readonly sensors: string[] = [];
  private cap = 1 << 16;
  private sensorIndex = new Int32Array(this.cap);
  private t = new Float64Array(this.cap);
  private temp = new Float64Array(this.cap);
  private rh = new Float64Array(this.cap);
  private rows = 0;
  private invalid = 0;
  private readonly errors: RowError[] = [];

  constructor(opts: ReadingsCsvOptions = {}) {
    this.opts = opts;
    if (opts.utcOffset !== undefined && !OFFSET.test(opts.utcOffset)) this.fatal = `the UTC offset "${opts.utcOffset}" must look like +01:00, -05:00 or Z`;
  }

  push(chunk: string): void {
    if (this.fatal) return;
    const text = this.carry + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.onLine(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
      if (this.fatal) return;
    }
    this.carry = text.slice(start);
  }

  finish(): ParsedReadings {
    if (!this.fatal && this.carry !== '') this.onLine(this.carry.endsWith('\r') ? this.carry.slice(0, -1) : this.carry);
    this.carry = '';
    if (!this.fatal && !this.columns) this.fatal = 'the file is empty: expected a header line "timestamp,sensor,temperatureC,humidityPct"';
    const n = this.rows;
    return {
      sensors: this.sensors, sensorIndex: this.sensorIndex.slice(0, n), t: this.t.slice(0, n), temperatureC: this.temp.slice(0, n), humidityPct: this.rh.slice(0, n),
      rows: n, invalid: this.invalid, errors: this.errors, delimiter: this.delimiter, ...(this.fatal ? { fatal: this.fatal } : {}),
    };
  }

  private onLine(raw: string): void {
    this.line++;
    if (this.line === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    if (raw.trim() === '') return;
    if (!this.columns) {
      this.header(raw);
      return;
    }
    const cells = splitCsvLine(raw, this.delimiter);
    if (!cells) return this.reject('a quoted field is not closed (fields may not contain line breaks)');
    const c = this.columns;
    const field = (f: ReadingField) => (c[f] >= 0 ? (cells[c[f]] ?? '').trim() : '');
    const ts = field('timestamp');
    if (ts === '') return this.reject('the timestamp is empty', 'timestamp');
    const t = parseTimestamp(ts, this.opts.utcOffset);
    if (typeof t === 'string') return this.reject(t, 'timestamp');
    const sensor = field('sensor');
    if (sensor === '') return this.reject('the sensor is empty', 'sensor');
    if (sensor.length > 200) return this.reject('the sensor name is longer than 200 characters', 'sensor');
    const temp = this.number(field('temperatureC'));
    if (temp === null || Number.isNaN(temp)) return this.reject(`temperatureC "${field('temperatureC')}" is not a number`, 'temperatureC');
    if (temp < -60 || temp > 90) return this.reject(`temperatureC ${temp} is outside −60…90 °C (a sensor fault or a Fahrenheit column?)`, 'temperatureC');
    const rhText = field('humidityPct');
    let rh = NaN;
    if (rhText !== '') {
      const v = this.number(rhText);
      if (v === null || Number.isNaN(v)) return this.reject(`humidityPct "${rhText}" is not a number`, 'humidityPct');
      if (v < 0 || v > 100) return this.reject(`humidityPct ${v} is outside 0…100 %`, 'humidityPct');
      rh = v;
    }
    let idx = this.sensorIds.get(sensor);
    if (idx === undefined) {
      idx = this.sensors.length;
      this.sensors.push(sensor);
      this.sensorIds.set(sensor, idx);
    }
    if (this.rows === this.cap) this.grow();
    const i = this.rows++;
    this.sensorIndex[i] = idx;
    this.t[i] = t;
    this.temp[i] = temp;
    this.rh[i] = rh;
  }

  private number(text: string): number | null {
    if (text === '') return null;
    // `;` files write decimals with a comma (23,5).
    const normal = this.delimiter === ';' ? text.replace(',', '.') : text;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(normal)) return NaN;
    return Number(normal);
  }

  private header(raw: string): void {
    this.delimiter = raw.includes(';') && !raw.includes(',') ? ';' : ',';
    const names = splitCsvLine(raw, this.delimiter)?.map((h) => h.trim());
    if (!names) {
      this.fatal = `line ${this.line}: the header has an unclosed quote`;
      return;
    }
    const mapping = this.opts.mapping ?? {};
    const columns = {} as Record<ReadingField, number>;
    const lower = names.map((n) => n.toLowerCase());
    for (const f of READING_FIELDS) {
      const wanted = mapping[f] ?? f;
      let at = names.indexOf(wanted);
      if (at < 0) at = lower.indexOf(wanted.toLowerCase());
      if (at < 0 && f !== 'humidityPct') {
        const how = mapping[f] ? `column "${wanted}" mapped to ${f}` : `"${f}" column`;
        this.fatal = `line ${this.line}: the header has no ${how} (it has: ${names.join(', ')}). Expected timestamp,sensor,temperatureC,humidityPct, or map your columns (--map ${f}=<header>)`;
        return;
      }
      if (at < 0 && mapping.humidityPct) {
        this.fatal = `line ${this.line}: the header has no column "${mapping.humidityPct}" mapped to humidityPct (it has: ${names.join(', ')})`;
        return;
      }
      columns[f] = at;
    }
    this.columns = columns;
  }

  private reject(message: string, field?: ReadingField): void {
    this.invalid++;
    if (this.errors.length < (this.opts.maxErrors ?? 100)) this.errors.push({ line: this.line, ...(field ? { field } : {}), message });
  }

  private grow(): void {
    this.cap *= 2;
    const g = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(this.cap);
      b.set(a);
      return b;
    };
    this.sensorIndex = g(this.sensorIndex, (n) => new Int32Array(n));
    this.t = g(this.t, (n) => new Float64Array(n));
    this.temp = g(this.temp, (n) => new Float64Array(n));
    this.rh = g(this.rh, (n) => new Float64Array(n));
  }
}

/** Parses a whole CSV text (tests, small files). */
export function parseReadingsCsv(text: string, opts: ReadingsCsvOptions = {}): ParsedReadings {
  const p = new ReadingsCsvParser(opts);
  p.push(text);
  return p.finish();
}

/** "file.csv:12: temperatureC "x" is not a number" lines, with a count of the rest. */
export function formatRowErrors(parsed: Pick<ParsedReadings, 'errors' | 'invalid'>, fileName: string): string[] {
  const lines = parsed.errors.map((e) => `${fileName}:${e.line}: ${e.message}`);
  if (parsed.invalid > parsed.errors.length) lines.push(`… and ${parsed.invalid - parsed.errors.length} more invalid rows`);
  return lines;
}
