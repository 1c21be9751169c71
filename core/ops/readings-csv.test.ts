import { describe, expect, it } from 'vitest';
import { formatRowErrors, parseReadingsCsv, parseTimestamp, ReadingsCsvParser, splitCsvLine } from './readings-csv';

describe('readings CSV', () => {
  it('reads the documented columns, with and without humidity, in any column order', () => {
    const p = parseReadingsCsv('timestamp,sensor,temperatureC,humidityPct\r\n2026-11-25T10:00:00+01:00,S1,22.5,45\n2026-11-25T10:05:00Z,S2,23,\n');
    expect(p.fatal).toBeUndefined();
    expect(p.sensors).toEqual(['S1', 'S2']);
    expect([...p.sensorIndex]).toEqual([0, 1]);
    expect([...p.t]).toEqual([Date.parse('2026-11-25T09:00:00Z') / 1000, Date.parse('2026-11-25T10:05:00Z') / 1000]);
    expect([...p.temperatureC]).toEqual([22.5, 23]);
    expect(p.humidityPct[0]).toBe(45);
    expect(Number.isNaN(p.humidityPct[1])).toBe(true);
    const reordered = parseReadingsCsv('sensor,temperatureC,timestamp\nS1,21,1764064800\n');
    expect([...reordered.t]).toEqual([1764064800]);
  });

  it('maps other headers, and reads ";" files with decimal commas', () => {
    const p = parseReadingsCsv('Time;Point;Temp;RH\n2026-11-25 10:00;"Hall A; rack 3";22,5;41,2\n', { mapping: { timestamp: 'Time', sensor: 'Point', temperatureC: 'Temp', humidityPct: 'RH' }, utcOffset: '+01:00' });
    expect(p.fatal).toBeUndefined();
    expect(p.delimiter).toBe(';');
    expect(p.sensors).toEqual(['Hall A; rack 3']);
    expect(p.temperatureC[0]).toBe(22.5);
    expect(p.humidityPct[0]).toBeCloseTo(41.2);
    expect(p.t[0]).toBe(Date.parse('2026-11-25T09:00:00Z') / 1000);
  });

  it('reports every bad row with its line number and field, and keeps counting past the first 100', () => {
    const lines = ['timestamp,sensor,temperatureC,humidityPct', '2026-11-25T10:00:00Z,S1,22,45', '2026-11-25T10:00:00,S1,22,45', '2026-11-25T10:05:00Z,,22,45',
      '2026-11-25T10:10:00Z,S1,warm,45', '2026-11-25T10:15:00Z,S1,95,45', '2026-11-25T10:20:00Z,S1,22,140', '2026-02-30T10:00:00Z,S1,22,45', '2026-11-25T10:25:00Z,"S1,22,45'];
    const p = parseReadingsCsv(lines.join('\n'), { fileName: 'r.csv' });
    expect(p.rows).toBe(1);
    expect(p.invalid).toBe(7);
    expect(p.errors.map((e) => [e.line, e.field])).toEqual([[3, 'timestamp'], [4, 'sensor'], [5, 'temperatureC'], [6, 'temperatureC'], [7, 'humidityPct'], [8, 'timestamp'], [9, undefined]]);
    expect(p.errors[0]!.message).toMatch(/has no UTC offset/);
    expect(p.errors[3]!.message).toMatch(/outside −60…90 °C \(a sensor fault or a Fahrenheit column\?\)/);
    expect(p.errors[5]!.message).toMatch(/has no day 30/);
    const many = parseReadingsCsv(['timestamp,sensor,temperatureC', ...Array.from({ length: 250 }, () => 'x,S,1')].join('\n'));
    expect(many.errors).toHaveLength(100);
    expect(formatRowErrors(many, 'big.csv').at(-1)).toBe('… and 150 more invalid rows');
    expect(formatRowErrors(many, 'big.csv')[0]).toMatch(/^big\.csv:2: "x" is not a timestamp/);
  });

  it('refuses a file without the needed columns, naming what it has', () => {
    expect(parseReadingsCsv('time,sensor,temp\n').fatal).toBe('line 1: the header has no "timestamp" column (it has: time, sensor, temp). Expected timestamp,sensor,temperatureC,humidityPct, or map your columns (--map timestamp=<header>)');
    expect(parseReadingsCsv('').fatal).toMatch(/the file is empty/);
    expect(parseReadingsCsv('timestamp,sensor,temperatureC\n', { mapping: { humidityPct: 'RH' } }).fatal).toMatch(/no column "RH" mapped to humidityPct/);
    expect(parseReadingsCsv('a\n', { utcOffset: 'CET' }).fatal).toMatch(/UTC offset "CET"/);
  });

  it('gives the same result however the text is chunked', () => {
    const text = 'timestamp,sensor,temperatureC,humidityPct\n' + Array.from({ length: 500 }, (_, i) => `2026-11-25T10:${String(i % 60).padStart(2, '0')}:00Z,S${i % 7},${20 + (i % 10) / 10},${40 + (i % 5)}`).join('\n');
    const whole = parseReadingsCsv(text);
    const chunked = new ReadingsCsvParser();
    for (let i = 0; i < text.length; i += 37) chunked.push(text.slice(i, i + 37));
    const p = chunked.finish();
    expect(p.rows).toBe(500);
    expect([...p.t]).toEqual([...whole.t]);
    expect([...p.temperatureC]).toEqual([...whole.temperatureC]);
    expect(p.sensors).toEqual(whole.sensors);
  });

  it('splits quoted fields and parses offsets', () => {
    expect(splitCsvLine('a,"b,""c""",d', ',')).toEqual(['a', 'b,"c"', 'd']);
    expect(splitCsvLine('"a', ',')).toBeNull();
    expect(parseTimestamp('2026-11-25T10:00:00-0500')).toBe(Date.parse('2026-11-25T15:00:00Z') / 1000);
    expect(parseTimestamp('2026-11-25T10:00:00.500Z')).toBe(Date.parse('2026-11-25T10:00:00Z') / 1000 + 0.5);
  });
});
