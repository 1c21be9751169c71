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
import { ProjectStore } from '../store/project-store';
import { createProject, ensurePlenumExtension } from '../services/project-files';
import { collectYamlFiles, isYamlFile, readNetboxFile } from '../services/netbox-import';
import { Progress } from './progress';
import { VERSION } from './version';

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
  plenum export FILE --format json [-o OUT]   Write the project as a plenum/1 document
  plenum serve [FILE] [--port N] [--host H]   Run Plenum in your browser (127.0.0.1 only,
                                              unless --host is given)

Options:
  -h, --help       Show this help
  -v, --version    Show the version
  --debug          Show stack traces on errors

Exit codes: 0 success, 1 the data has errors, 2 usage, I/O or invalid-file error.
Docs: docs/cli.md, docs/format.md`;

function out(line: string): void {
  process.stdout.write(line + '\n');
}
function err(line: string): void {
  process.stderr.write(line + '\n');
}

function withFile(file: string, message: string): string {
  return message.startsWith(file) ? message : `${file}: ${message}`;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parse(argv: string[], options: OptionSpec, positionals: { min: number; max: number; usage: string }): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, debug: { type: 'boolean' } }, allowPositionals: true, strict: true }) as { values: Record<string, string | boolean | undefined>; positionals: string[] };
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
  const { values, positionals } = parse(argv, { format: { type: 'string' }, output: { type: 'string', short: 'o' } }, { min: 1, max: 1, usage: 'plenum export FILE --format json [-o OUT]' });
  const format = (values.format as string | undefined) ?? 'json';
  if (format !== 'json') throw new UsageError(`unknown export format "${format}" (available: json)`);
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
        return cmdImport(rest);
      case 'export':
        return cmdExport(rest);
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

const code = await main(process.argv.slice(2));
if (process.argv[2] !== 'serve' || code !== EXIT.ok) process.exitCode = code;
