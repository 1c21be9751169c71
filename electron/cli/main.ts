/**
 * The `plenum` command line. Runs under plain Node (never Electron) on the same services as the
 * app. Exit codes: 0 success; 1 the data has errors; 2 usage, I/O or invalid-file errors.
 * Errors are one line on stderr naming the file; `--debug` adds the stack trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PlenumError } from '../../core/model/errors';
import { exportDocument, locateIssues, parseInterchangeText } from '../../core/interchange/plenum1';
import type { DocumentIssue } from '../../core/interchange/plenum1';
import { FORMAT } from '../../core/model/schema';
import type { DeviceType, RackType } from '../../core/model/schema';
import { RULE_IDS, RULES } from '../../core/rules/catalog';
import { checkDocument, DesignChecker } from '../../core/rules/checker';
import type { Finding, Severity } from '../../core/rules/finding';
import { capacityReport, type CapacityReport } from '../../core/capacity/report';
import { ProjectStore } from '../store/project-store';
import { createProject, ensurePlenumExtension } from '../services/project-files';
import { collectYamlFiles, isYamlFile, readNetboxFile } from '../services/netbox-import';
import { Progress } from './progress';
import { VERSION } from './version';
import { runTemplateLint } from './template';
import { REPORT_OPTIONS, REPORT_USAGE, runReport } from './report';
import { runDataExport } from './export-data';
import { runCxStatus } from './cx';
import { READINGS_IMPORT_OPTIONS, READINGS_USAGE, runOpsDue, runReadingsImport } from './ops';

export const EXIT = { ok: 0, dataErrors: 1, usage: 2 } as const;

class UsageError extends Error {}
/** Data problems in an input (exit code 1), already reported line by line. */
class DataErrors extends Error {}

const HELP = `Plenum ${VERSION}: datacenter design and commissioning, offline.

Usage:
  plenum new FILE [--name NAME] [--demo]      Create a project (--demo: a small realistic site)
  plenum info FILE [--json]                   Schema version and counts of a project
  plenum import FILE INPUT...                 Import plenum/1 JSON/YAML documents or NetBox
                                              devicetype-library YAML (files or folders) into
                                              FILE (created if it does not exist)
  plenum import FILE readings.csv             Environment readings: timestamp,sensor,temperatureC,
                  [--map FIELD=HEADER]...     humidityPct (--utc-offset, --skip-invalid,
                  [--create-sensors --room R] docs/operations.md)
  plenum ops due FILE [--json] [--on DATE]    Overdue and upcoming maintenance, backups,
                                              restore tests, licences, excursions
  plenum export FILE --format json [-o OUT]   Write the project as a plenum/1 document
  plenum export FILE --format csv|xlsx|netbox -o DIR
                                              Racks, devices and BOM as CSV or XLSX, or
                                              NetBox bulk-import CSVs and device-type YAML
  plenum report FILE --kind design|cx|ops -o OUT
                                              Design, Cx or operations report as PDF or HTML
                  [--format pdf|html] [--room R] [--paper a4|letter] [--lang en|fr]
                  [--revision REV] [--author NAME] [--date YYYY-MM-DD] [--logo IMAGE]
                  [--since YYYY-MM-DD] [--until YYYY-MM-DD] (ops: last 90 days); docs/reports.md
  plenum check FILE [--json] [--rule R]...    Run the design checks (exit 1 on any error)
  plenum capacity FILE [--json]               Space, power, cooling and weight headroom
  plenum template lint FILE... [--json]       Check commissioning checklist templates (YAML)
  plenum cx status FILE [--json]              Commissioning progress per level, open issues
  plenum serve [FILE] [--port N] [--host H]   Run Plenum in your browser (127.0.0.1 only,
                                              unless --host is given)

Options:
  -h, --help       Show this help
  -v, --version    Show the version
  --debug          Show stack traces on errors

Exit codes: 0 success, 1 the data has errors, 2 usage, I/O or invalid-file error.
Docs: docs/cli.md, docs/format.md, docs/rules.md`;

function out(line: string): void {
  process.stdout.write(line + '\n');
}
function err(line: string): void {
  process.stderr.write(line + '\n');
}

function withFile(file: string, message: string): string {
  return message.startsWith(file) ? message : `${file}: ${message}`;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

function parse(argv: string[], options: OptionSpec, positionals: { min: number; max: number; usage: string }): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, debug: { type: 'boolean' } }, allowPositionals: true, strict: true }) as { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}. Usage: ${positionals.usage}`);
  }
  if (parsed.positionals.length < positionals.min) throw new UsageError(`missing argument. Usage: ${positionals.usage}`);
  if (parsed.positionals.length > positionals.max) throw new UsageError(`too many arguments. Usage: ${positionals.usage}`);
  return parsed;
}

// ------------------------------------------------------------------ commands

function cmdNew(argv: string[]): number {
  const { values, positionals } = parse(argv, { name: { type: 'string' }, demo: { type: 'boolean' } }, { min: 1, max: 1, usage: 'plenum new FILE [--name NAME] [--demo]' });
  const file = ensurePlenumExtension(positionals[0]!);
  const store = createProject(file, { name: values.name as string | undefined, demo: Boolean(values.demo) });
  const info = store.info();
  store.close();
  out(`Created ${file}: "${info.name}", ${info.counts.rooms} rooms, ${info.counts.racks} racks, ${info.counts.devices} devices`);
  return EXIT.ok;
}

function cmdInfo(argv: string[]): number {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: 'plenum info FILE [--json]' });
  const file = positionals[0]!;
  const store = ProjectStore.open(file, { readOnly: true });
  try {
    const info = store.info();
    const history = store.historyState();
    const size = fs.statSync(file).size;
    if (values.json) {
      out(JSON.stringify({ file: path.resolve(file), name: info.name, schemaVersion: info.schemaVersion, ...info.counts, sizeBytes: size, canUndo: history.undo !== null, canRedo: history.redo !== null }, null, 2));
    } else {
      out(`${file}`);
      out(`  Project        ${info.name}`);
      out(`  Schema         ${info.schemaVersion}`);
      out(`  Rooms          ${info.counts.rooms}`);
      out(`  Racks          ${info.counts.racks}`);
      out(`  Rows           ${info.counts.rows}`);
      out(`  Devices        ${info.counts.devices}`);
      out(`  Floor equip.   ${info.counts.floorEquipment}`);
      out(`  Device types   ${info.counts.deviceTypes}`);
      out(`  Rack types     ${info.counts.rackTypes}`);
      out(`  Size           ${(size / 1024).toFixed(0)} KiB`);
    }
  } finally {
    store.close();
  }
  return EXIT.ok;
}

function printIssues(input: string, issues: readonly DocumentIssue[]): void {
  for (const issue of issues) {
    const where = issue.line !== undefined ? `${input}:${issue.line}` : input;
    err(`${where}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
  }
}

interface PlannedImport {
  input: string;
  kind: 'plenum' | 'netbox';
  text?: string;
  document?: unknown;
}

function cmdImport(argv: string[]): number {
  const { positionals } = parse(argv, {}, { min: 2, max: Infinity, usage: 'plenum import FILE INPUT...' });
  const file = positionals[0]!;
  const inputs = positionals.slice(1);
  const progress = new Progress('Importing');

  // 1. Read and parse every input before touching the project.
  const plenumDocs: PlannedImport[] = [];
  const netboxTypes: DeviceType[] = [];
  const netboxRackTypes: RackType[] = [];
  let dataErrors = 0;
  let netboxFiles = 0;
  for (const input of inputs) {
    if (!fs.existsSync(input)) throw new PlenumError(`${input}: no such file or folder`, 'io');
    const isDir = fs.statSync(input).isDirectory();
    if (isDir || isYamlFile(input)) {
      const text = isDir ? null : fs.readFileSync(input, 'utf8');
      if (text !== null && /^\s*["']?format["']?\s*:\s*["']?plenum\//m.test(text)) {
        plenumDocs.push({ input, kind: 'plenum', text });
        continue;
      }
      const files = collectYamlFiles(input);
      if (files.length === 0) throw new PlenumError(`${input}: no .yaml or .yml files in this folder`, 'io');
      const root = isDir ? input : path.dirname(input);
      files.forEach((f, i) => {
        progress.update(i, files.length, 'reading device types');
        const r = readNetboxFile(f, root);
        netboxFiles++;
        for (const w of r.warnings) err(`${f}: warning: ${w}`);
        if (r.deviceType) netboxTypes.push(r.deviceType);
        else if (r.rackType) netboxRackTypes.push(r.rackType);
        else {
          dataErrors++;
          for (const e of r.errors) err(`${f}: ${e}`);
        }
      });
    } else {
      plenumDocs.push({ input, kind: 'plenum', text: fs.readFileSync(input, 'utf8') });
    }
  }
  for (const planned of plenumDocs) {
    progress.phase(`parsing ${path.basename(planned.input)}`);
    const parsed = parseInterchangeText(planned.text!);
    if (!parsed.ok) {
      progress.done();
      printIssues(planned.input, parsed.issues);
      throw new DataErrors(`${planned.input}: not imported (${parsed.issues.length} error(s)); nothing was written to ${file}`);
    }
    planned.document = parsed.value;
  }

  // 2. Open (or create) the project only now; a new file is removed again if the import fails.
  const created = !fs.existsSync(file);
  const firstName = plenumDocs.map((p) => (p.document as { project?: { name?: string } }).project?.name).find(Boolean);
  const store = created ? createProject(file, { name: firstName ?? path.basename(file, '.plenum') }) : ProjectStore.open(file);
  let ok = false;
  try {
    for (const planned of plenumDocs) {
      progress.phase(`validating ${path.basename(planned.input)}`);
      try {
        const applied = store.execute<{ rooms: number; racks: number; devices: number; deviceTypes: number }>(
          'document.import',
          { document: planned.document, setProjectName: created },
          { onProgress: (d, t) => progress.update(d, t, 'writing') },
        );
        progress.done();
        const c = applied.result;
        out(`${planned.input}: imported ${c.deviceTypes} device types, ${c.rooms} rooms, ${c.racks} racks, ${c.devices} devices`);
      } catch (e) {
        progress.done();
        if (e instanceof PlenumError && e.details) {
          printIssues(planned.input, locateIssues(planned.text!, [...e.details]));
          throw new DataErrors(`${planned.input}: not imported (${e.details.length} error(s)); nothing was written to ${file}`);
        }
        throw e;
      }
    }
    if (netboxTypes.length > 0 || netboxRackTypes.length > 0) {
      // All valid types go in as one step; ids are deterministic, so re-importing updates.
      const applied = store.execute<{ deviceTypes: number; rackTypes: number }>('document.import', { document: { format: FORMAT, deviceTypes: netboxTypes, rackTypes: netboxRackTypes } });
      const racks = applied.result.rackTypes ? ` and ${applied.result.rackTypes} rack type(s)` : '';
      out(`imported ${applied.result.deviceTypes} device type(s)${racks} from ${netboxFiles} NetBox file(s)`);
    }
    ok = true;
  } finally {
    store.close();
    if (!ok && created) fs.rmSync(path.resolve(file), { force: true });
  }
  if (dataErrors > 0) {
    err(`${dataErrors} of ${netboxFiles} device type file(s) had errors and were not imported`);
    return EXIT.dataErrors;
  }
  return EXIT.ok;
}

function cmdExport(argv: string[]): number {
  const { values, positionals } = parse(argv, { format: { type: 'string' }, output: { type: 'string', short: 'o' } }, { min: 1, max: 1, usage: 'plenum export FILE --format json|csv|xlsx|netbox [-o OUT]' });
  const format = (values.format as string | undefined) ?? 'json';
  if (format !== 'json') return runDataExport(positionals[0]!, format, values.output as string | undefined, { err, usage: (m) => new UsageError(m) });
  const file = positionals[0]!;
  const store = ProjectStore.open(file, { readOnly: true });
  let text: string;
  try {
    text = JSON.stringify(exportDocument(store.snapshot()), null, 2) + '\n';
  } finally {
    store.close();
  }
  if (values.output) {
    const dest = values.output as string;
    const tmp = `${dest}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, dest);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw new PlenumError(`${dest}: cannot write (${(e as Error).message})`, 'io');
    }
    err(`Wrote ${dest}`);
  } else {
    process.stdout.write(text);
  }
  return EXIT.ok;
}

/** Reads a project for the checks: read-only, so checking never changes the file. */
function readSnapshot(file: string) {
  const store = ProjectStore.open(file, { readOnly: true });
  try {
    return store.snapshot();
  } finally {
    store.close();
  }
}

/** The stable JSON shape of a finding: the fields the issue names first, then the rest. */
function findingJson(f: Finding): Record<string, unknown> {
  const { rule, severity, entities, message, hint, ...rest } = f;
  return { rule, severity, entities, message, hint, ...rest };
}

const SEVERITY_TITLE: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Information' };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function cmdTemplate(argv: string[]): number {
  const [sub, ...rest] = argv;
  const usage = 'plenum template lint FILE... [--json]';
  if (sub !== 'lint') throw new UsageError(`unknown template command "${sub ?? ''}". Usage: ${usage}`);
  const { values, positionals } = parse(rest, { json: { type: 'boolean' } }, { min: 1, max: Infinity, usage });
  return runTemplateLint(positionals, { json: Boolean(values.json) }, { out, err });
}

/** `plenum import FILE readings.csv …`: environment readings (electron/cli/ops.ts). */
function cmdImportReadings(argv: string[]): number {
  const { values, positionals } = parse(argv, READINGS_IMPORT_OPTIONS, { min: 2, max: 2, usage: READINGS_USAGE });
  return runReadingsImport(positionals[0]!, positionals[1]!, values, { out, err, usage: (m) => new UsageError(m), dataErrors: (m) => new DataErrors(m) });
}

function cmdOps(argv: string[]): number {
  const [sub, ...rest] = argv;
  const usage = 'plenum ops due FILE [--json] [--on YYYY-MM-DD]';
  if (sub !== 'due') throw new UsageError(`unknown ops command "${sub ?? ''}". Usage: ${usage}`);
  const { values, positionals } = parse(rest, { json: { type: 'boolean' }, on: { type: 'string' } }, { min: 1, max: 1, usage });
  if (values.on !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(values.on))) throw new UsageError(`--on must be a date, YYYY-MM-DD, got "${String(values.on)}"`);
  return runOpsDue(positionals[0]!, values, { out, err, usage: (m) => new UsageError(m), dataErrors: (m) => new DataErrors(m) });
}

function cmdCx(argv: string[]): number {
  const [sub, ...rest] = argv;
  const usage = 'plenum cx status FILE [--json]';
  if (sub !== 'status') throw new UsageError(`unknown cx command "${sub ?? ''}". Usage: ${usage}`);
  const { values, positionals } = parse(rest, { json: { type: 'boolean' } }, { min: 1, max: 1, usage });
  return runCxStatus(positionals[0]!, { json: Boolean(values.json) }, { out, err });
}

function cmdCheck(argv: string[]): number {
  const usage = 'plenum check FILE [--json] [--rule R]...';
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, rule: { type: 'string', multiple: true } }, { min: 1, max: 1, usage });
  const rules = (values.rule as string[] | undefined) ?? [];
  const unknown = rules.filter((r) => !RULE_IDS.has(r));
  if (unknown.length > 0) {
    throw new UsageError(`unknown rule ${unknown.map((r) => `"${r}"`).join(', ')}. Valid rules: ${RULES.map((r) => r.id).join(', ')}`);
  }
  const file = positionals[0]!;
  const { findings, summary } = checkDocument(readSnapshot(file), { rules });
  if (values.json) {
    out(JSON.stringify({ findings: findings.map(findingJson), summary }, null, 2));
  } else {
    const ruleWidth = Math.max(0, ...findings.map((f) => f.rule.length));
    for (const severity of ['error', 'warning', 'info'] as const) {
      const group = findings.filter((f) => f.severity === severity);
      if (group.length === 0) continue;
      out(`${SEVERITY_TITLE[severity]} (${group.length})`);
      for (const f of group) {
        out(`${f.severity.padEnd(7)}  ${f.rule.padEnd(ruleWidth)}  ${f.message}`);
        out(`${' '.repeat(9 + ruleWidth + 2)}${f.hint}`);
      }
      out('');
    }
    const scope = rules.length > 0 ? ` (rules: ${rules.join(', ')})` : '';
    out(summary.total === 0
      ? `${file}: no findings${scope}`
      : `${file}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.infos} info${scope}`);
  }
  return summary.errors > 0 ? EXIT.dataErrors : EXIT.ok;
}

// ---------------------------------------------------------------- capacity tables

/** A plain text table: columns aligned, numbers right-aligned, two spaces between columns. */
function table(header: string[], rows: Array<Array<string | number>>, numeric: readonly boolean[]): string[] {
  const cells = rows.map((r) => r.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

const kwOf = (w: number | null) => (w === null ? '—' : (w / 1000).toFixed(1));
const pctOf = (part: number, whole: number | null) => (whole === null || whole <= 0 ? '—' : `${Math.round((part / whole) * 100)} %`);
const kg = (v: number) => String(Math.round(v));
const u = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

function printCapacity(file: string, r: CapacityReport, names: { rooms: Record<string, string>; elements: Record<string, string> }): void {
  const totalsHeader = ['U used', 'U free', 'Largest free', 'Load kW', 'Budget kW', '% budget', 'Weight kg', 'Rating kg'];
  const totals = (t: CapacityReport['site']) => [u(t.usedU), u(t.freeU), u(t.largestFreeU), kwOf(t.loadW), kwOf(t.budgetW), pctOf(t.loadW, t.budgetW), kg(t.weightKg), kg(t.maxKg)];
  const s = r.site;
  out(`${file}: ${plural(s.racks, 'rack')}, ${plural(s.devices, 'device')}; ${u(s.usedU)} of ${u(s.uHeight)} U used; ${kwOf(s.loadW)} kW of ${kwOf(s.budgetW)} kW budget (${pctOf(s.loadW, s.budgetW)}); ${kg(s.weightKg)} kg`);
  out(`Power basis: ${r.settings.powerBasis} draw; derating ${r.settings.deratingPct} %; power factor ${r.settings.powerFactor}`);
  out('');
  out('Rooms');
  for (const l of table(['Room', 'Racks', 'Devices', ...totalsHeader, 'Heat kW', 'Cooling kW'],
    r.rooms.map((m) => [m.name, m.racks, m.devices, ...totals(m), kwOf(m.heatW), kwOf(m.coolingCapacityW)]),
    [false, true, true, true, true, true, true, true, true, true, true, true, true])) out(`  ${l}`);
  if (r.rows.length > 0) {
    out('');
    out('Rows');
    for (const l of table(['Row', 'Room', 'Racks', 'Devices', ...totalsHeader],
      r.rows.map((w) => [w.name, names.rooms[w.roomId] ?? w.roomId, w.racks, w.devices, ...totals(w)]),
      [false, false, true, true, true, true, true, true, true, true, true, true])) out(`  ${l}`);
  }
  out('');
  out('Racks');
  for (const l of table(['Rack', 'Room', 'U used', 'U free', 'Largest free', 'Load kW', 'Budget kW', '% budget', 'Weight kg', 'Rating kg', 'Floor kg/m²', 'Floor rating'],
    r.racks.map((k) => [k.name, names.rooms[k.roomId] ?? k.roomId, u(k.usedU), u(k.freeU), u(k.largestFreeU), kwOf(k.loadW), kwOf(k.budgetW), pctOf(k.loadW, k.budgetW),
      kg(k.weightKg), kg(k.maxKg), kg(k.floorKgM2), kg(k.floorRatingKgM2)]),
    [false, false, true, true, true, true, true, true, true, true, true, true])) out(`  ${l}`);
  const feeds = r.racks.flatMap((k) => (['A', 'B'] as const).flatMap((side) => {
    const f = k.feeds[side];
    return f ? [[k.name, side, kwOf(f.capacityW), kwOf(f.normalW), pctOf(f.normalW, f.capacityW), kwOf(f.failoverW), pctOf(f.failoverW, f.capacityW)]] : [];
  }));
  if (feeds.length > 0) {
    out('');
    out('Rack feeds (failover: the other feed lost, dual-corded load moved here)');
    for (const l of table(['Rack', 'Feed', 'Capacity kW', 'Normal kW', '% normal', 'Failover kW', '% failover'], feeds, [false, false, true, true, true, true, true])) out(`  ${l}`);
  }
  out('');
  out('Cooling zones');
  for (const l of table(['Zone', 'Racks', 'IT kW', 'Heat kW', 'Capacity kW', 'Largest unit kW', '% capacity', 'Units', 'Verdict'],
    r.zones.map((z) => [z.zone ? `${names.rooms[z.roomId] ?? z.roomId} / ${z.zone}` : (names.rooms[z.roomId] ?? z.roomId), z.rackCount, kwOf(z.itLoadW), kwOf(z.heatW), kwOf(z.capacityW), kwOf(z.largestUnitW), pctOf(z.heatW, z.capacityW), z.coolerIds.length, z.verdict]),
    [false, true, true, true, true, true, true, true, false])) out(`  ${l}`);
  if (r.elements.length > 0) {
    out('');
    out('Power elements (worst: highest load over normal operation and every single failure)');
    for (const l of table(['Element', 'Kind', 'Capacity kW', 'Normal kW', '% normal', 'Worst kW', '% worst', 'Worst on failure of'],
      r.elements.map((e) => [e.name, e.kind, kwOf(e.capacityW), kwOf(e.normalW), pctOf(e.normalW, e.capacityW), kwOf(e.worstW), pctOf(e.worstW, e.capacityW), e.worstCause ? (names.elements[e.worstCause] ?? e.worstCause) : '—']),
      [false, false, true, true, true, true, true, false])) out(`  ${l}`);
  }
  if (r.upsGroups.length > 0) {
    out('');
    out('UPS groups');
    for (const l of table(['Group', 'Systems', 'Load kW', 'Capacity kW', 'Designed', 'Achieved'],
      r.upsGroups.map((g) => [g.group, g.elementIds.map((id) => names.elements[id] ?? id).join(', '), kwOf(g.loadW), g.capacitiesW.map(kwOf).join(' + '), g.designed, g.achieved]),
      [false, false, true, false, false, false])) out(`  ${l}`);
  }
}

function cmdCapacity(argv: string[]): number {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: 'plenum capacity FILE [--json]' });
  const file = positionals[0]!;
  const snapshot = readSnapshot(file);
  const report = capacityReport(new DesignChecker(snapshot));
  if (values.json) {
    out(JSON.stringify(report, null, 2));
  } else {
    const rooms = Object.fromEntries(Object.values(snapshot.rooms).map((m) => [m.id, m.name]));
    const elements = Object.fromEntries(Object.values(snapshot.powerElements ?? {}).map((e) => [e.id, e.name]));
    printCapacity(file, report, { rooms, elements });
  }
  return EXIT.ok;
}

async function cmdServe(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { port: { type: 'string' }, host: { type: 'string' }, open: { type: 'boolean' }, 'no-open': { type: 'boolean' } }, { min: 0, max: 1, usage: 'plenum serve [FILE] [--port N] [--host HOST]' });
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${String(values.port)}"`);
  }
  const { serve } = await import('../server/serve');
  await serve({ file: positionals[0], port, host: values.host as string | undefined, open: Boolean(values.open) && !values['no-open'] });
  return EXIT.ok;
}

// ------------------------------------------------------------------ entry

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const [command, ...rest] = argv.filter((a) => a !== '--debug');
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        out(HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      case '-v':
      case '--version':
        out(VERSION);
        return EXIT.ok;
      case 'new':
        return cmdNew(rest);
      case 'info':
        return cmdInfo(rest);
      case 'import':
        // A CSV input is a file of environment readings; everything else is a document.
        return rest.some((a) => !a.startsWith('-') && /\.csv$/i.test(a)) ? cmdImportReadings(rest) : cmdImport(rest);
      case 'ops':
        return cmdOps(rest);
      case 'export':
        return cmdExport(rest);
      case 'check':
        return cmdCheck(rest);
      case 'template':
        return cmdTemplate(rest);
      case 'cx':
        return cmdCx(rest);
      case 'report': {
        const { values, positionals } = parse(rest, REPORT_OPTIONS, { min: 1, max: 1, usage: REPORT_USAGE });
        return await runReport(positionals[0]!, values, { err, usage: (m) => new UsageError(m) });
      }
      case 'capacity':
        return cmdCapacity(rest);
      case 'serve':
        return await cmdServe(rest);
      default:
        throw new UsageError(`unknown command "${command}". Run plenum --help for the list of commands`);
    }
  } catch (e) {
    if (debug) console.error(e);
    if (e instanceof UsageError) {
      err(`plenum: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof DataErrors) {
      err(`plenum: ${e.message}`);
      return EXIT.dataErrors;
    }
    if (e instanceof PlenumError) {
      const file = argv.find((a) => !a.startsWith('-') && a !== command) ?? '';
      err(`plenum: ${file ? withFile(file, e.message) : e.message}`);
      return EXIT.usage;
    }
    err(`plenum: ${(e as Error).message ?? String(e)}${debug ? '' : ' (run with --debug for details)'}`);
    return EXIT.usage;
  }
}

// `plenum capacity big.plenum | head`: the reader went away, which is not an error of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const code = await main(process.argv.slice(2));
if (process.argv[2] !== 'serve' || code !== EXIT.ok) process.exitCode = code;
