/**
 * The commissioning checklist template format (issue 5 §1): zod schemas of the YAML that a
 * commissioning agent writes, documented in docs/templates.md; docs/templates.schema.json is
 * generated from here (core/cx/json-schema.ts).
 *
 * The schema checks shape only. Everything that needs the whole template — unique ids,
 * expressions and their types, cycles, contradictory limits — is the linter's job
 * (core/cx/lint.ts), so that every problem can be reported at once with its line.
 *
 * Objects are strict: a misspelt key (`requierd: true`) is an error rather than silently ignored,
 * because a checklist that quietly loses a `required` would let a room go live untested.
 */
import { z } from 'zod';
import { DEVICE_ROLES, FLOOR_EQUIPMENT_KINDS, POWER_ELEMENT_KINDS } from '../model/schema';

/** Commissioning levels (FACTS.md): L1 factory witness … L5 integrated systems test. */
export const LEVELS = ['L1', 'L2', 'L3', 'L4', 'L5'] as const;
export type Level = (typeof LEVELS)[number];
export const LevelSchema = z.enum(LEVELS);
/** The level tag colours used on site (red, yellow, green, blue, white tags). */
export const LEVEL_TAG: Record<Level, string> = { L1: 'red', L2: 'yellow', L3: 'green', L4: 'blue', L5: 'white' };

/** What a checklist instance can be attached to. `system` is a whole system (e.g. "electrical"). */
export const ASSET_KINDS = ['room', 'row', 'rack', 'device', 'floorEquipment', 'powerElement', 'system'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** Systems a `system` checklist can cover; L5 tests usually cover `facility`. */
export const SYSTEM_ROLES = ['electrical', 'mechanical', 'fire-protection', 'controls', 'network', 'facility'] as const;

/** The roles valid for each asset kind; kinds absent here take no roles. */
export const ROLES_OF_KIND: Partial<Record<AssetKind, readonly string[]>> = {
  device: DEVICE_ROLES,
  floorEquipment: FLOOR_EQUIPMENT_KINDS,
  powerElement: POWER_ELEMENT_KINDS,
  system: SYSTEM_ROLES,
};

/** Issue severities, most severe first. Which ones block the next level is a project setting. */
export const ISSUE_SEVERITIES = ['critical', 'major', 'minor', 'observation'] as const;
export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];

/** Words of the expression language; an item id may not be one of them. */
export const RESERVED_WORDS = ['and', 'or', 'not', 'in', 'true', 'false', 'null', 'answered', 'status'] as const;

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Item ids are referenced from expressions, so they are identifiers: lowercase snake_case. */
const ITEM_ID = /^[a-z][a-z0-9_]*$/;

const TemplateId = z.string().regex(ID, 'a template id is lowercase words joined by "-", e.g. "l3-rack-installation"');
const ItemId = z
  .string()
  .regex(ITEM_ID, 'an item id is lowercase letters, digits and "_", starting with a letter, e.g. "load_pct"')
  .refine((s) => !(RESERVED_WORDS as readonly string[]).includes(s), { message: 'this word is reserved by the expression language' });
/** An expression in the condition language (core/cx/expr.ts), checked by the linter. */
const Expression = z.string().min(1, 'an empty expression');
const Text = z.string().min(1);

export const OnFail = z
  .strictObject({
    /** A failed answer needs a written note before the item counts as answered. */
    requireNote: z.boolean().optional(),
    /** A failed answer needs at least one photo. */
    requirePhoto: z.boolean().optional(),
    /** A failed answer raises a deficiency in the issues log with this severity. */
    raiseIssue: z.enum(ISSUE_SEVERITIES).optional(),
  })
  .describe('What a failed answer demands.');
export type OnFail = z.infer<typeof OnFail>;

/** Fields every item has. */
const itemBase = {
  /** Unique in the whole template (table columns included); referenced from expressions. */
  id: ItemId.describe('Unique in the whole template, table columns included; referenced from expressions.'),
  label: Text.describe('The question or instruction as printed.'),
  /** How to perform the check, what to look at, which instrument to use. */
  help: z.string().describe('How to perform the check, what to look at, which instrument to use.').optional(),
  /** An answer is needed before the checklist is complete. Default true. */
  required: z.boolean().describe('An answer is needed before the checklist is complete. Default true.').optional(),
  /** The item may be answered "not applicable". Default false. */
  allowNA: z.boolean().describe('"Not applicable" is an accepted answer. Default false.').optional(),
  /** The item is shown (and counted) only while this expression is true. */
  visibleIf: Expression.describe('Condition (docs/templates.md): the item is shown and counted only while it is true.').optional(),
  /** The item is required while this expression is true (overrides `required`). */
  requiredIf: Expression.describe('Condition (docs/templates.md): the item is required only while it is true; overrides `required`.').optional(),
  onFail: OnFail.optional(),
};

export const CheckItem = z.strictObject({ ...itemBase, type: z.literal('check') }).describe('Pass / fail / N-A.');

export const NumericItem = z
  .strictObject({
    ...itemBase,
    type: z.literal('numeric'),
    /** Unit symbol as printed on the form, e.g. "kW", "V", "Hz", "%", "°C", "s", "mΩ". */
    unit: z.string().describe('Unit symbol as printed, e.g. "kW", "V", "Hz", "%", "°C".'),
    /** Inclusive lower limit: below it the item fails. */
    min: z.number().describe('Inclusive lower limit: below it the item fails.').optional(),
    /** Inclusive upper limit: above it the item fails. */
    max: z.number().describe('Inclusive upper limit: above it the item fails.').optional(),
    /** Expected value; with `tolerance` or `tolerancePct` it passes within target ± tolerance. */
    target: z.number().describe('Expected value; with tolerance or tolerancePct the item passes within target ± tolerance.').optional(),
    /** Absolute tolerance around `target`, in `unit`. */
    tolerance: z.number().describe('Absolute tolerance around target, in unit.').optional(),
    /** Tolerance around `target` as a percentage of the target. */
    tolerancePct: z.number().describe('Tolerance around target, as a percentage of target.').optional(),
    /** Decimal places to show and expect (the input rounds to it). */
    decimals: z.number().int().min(0).max(6).optional(),
  })
  .describe('A measured value. With min/max or target ± tolerance it passes or fails automatically.');

export const ChoiceOption = z.strictObject({
  /** Stored value and what expressions compare against. */
  value: z.string().min(1),
  /** Shown label; defaults to the value. */
  label: z.string().optional(),
  status: z.enum(['pass', 'fail', 'na']),
});

export const ChoiceItem = z
  .strictObject({
    ...itemBase,
    type: z.literal('choice'),
    options: z.array(ChoiceOption).min(1),
  })
  .describe('One option among several; each option maps to pass, fail or N-A.');

export const TextItem = z
  .strictObject({ ...itemBase, type: z.literal('text'), multiline: z.boolean().optional() })
  .describe('Free text (a serial number, a remark).');

export const DateTimeItem = z
  .strictObject({ ...itemBase, type: z.literal('datetime'), precision: z.enum(['date', 'datetime', 'time']).optional() })
  .describe('A date and/or time, stored with its time zone.');

export const PhotoItem = z
  .strictObject({ ...itemBase, type: z.literal('photo'), minCount: z.number().int().optional(), maxCount: z.number().int().optional() })
  .describe('Photos; at least `minCount` (default 1) when answered.');

export const FileItem = z
  .strictObject({
    ...itemBase,
    type: z.literal('file'),
    minCount: z.number().int().optional(),
    maxCount: z.number().int().optional(),
    /** Accepted file extensions without the dot, e.g. ["pdf", "csv"]. */
    accept: z.array(z.string().regex(/^[a-z0-9]+$/)).optional(),
  })
  .describe('Attached files (test reports, calibration certificates); at least `minCount` (default 1).');

export const SignatureItem = z
  .strictObject({
    ...itemBase,
    type: z.literal('signature'),
    /** The role expected to sign, e.g. "CxA", "Contractor", "Owner". */
    role: z.string().optional(),
  })
  .describe('A signature with name, role, company and time.');

/** The item types a table column can have (tables do not nest). */
export const ColumnItem = z.discriminatedUnion('type', [CheckItem, NumericItem, ChoiceItem, TextItem, DateTimeItem, PhotoItem, FileItem, SignatureItem]);

export const TableRow = z.strictObject({
  /** Unique in its table. */
  id: ItemId,
  label: Text,
  /**
   * Values fixed by the template for this row, by column id, e.g. `{step_pct: 25}`. They are
   * shown read-only and can be used in the row's expressions.
   */
  values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
});

export const TableItem = z
  .strictObject({
    ...itemBase,
    type: z.literal('table'),
    columns: z.array(ColumnItem).min(1),
    /** Fixed rows (e.g. one per load step). Mutually exclusive with `repeat`. */
    rows: z.array(TableRow).min(1).optional(),
    /** Rows added by the user (e.g. one per circuit or per fibre strand). */
    repeat: z
      .strictObject({
        minRows: z.number().int().optional(),
        maxRows: z.number().int().optional(),
        /** The noun for one row, e.g. "circuit", "strand", "link". */
        rowLabel: z.string().optional(),
      })
      .optional(),
  })
  .describe('A table / repeat group: each column is an item, answered once per row.');

export const Item = z.discriminatedUnion('type', [CheckItem, NumericItem, ChoiceItem, TextItem, DateTimeItem, PhotoItem, FileItem, SignatureItem, TableItem]);
export type Item = z.infer<typeof Item>;
export type ColumnItem = z.infer<typeof ColumnItem>;
export type TableItem = z.infer<typeof TableItem>;
export type NumericItem = z.infer<typeof NumericItem>;
export type ChoiceItem = z.infer<typeof ChoiceItem>;
export type ItemType = Item['type'];
export const ITEM_TYPES: readonly ItemType[] = ['check', 'numeric', 'choice', 'text', 'datetime', 'photo', 'file', 'signature', 'table'];

export const Section = z.strictObject({
  /** Unique in the template. */
  id: ItemId,
  title: Text,
  description: z.string().optional(),
  /** The section is signed off on its own (issue 5 §6), e.g. by the contractor before the CxA. */
  signOff: z.boolean().optional(),
  /** The whole section is shown only while this expression is true. */
  visibleIf: Expression.optional(),
  items: z.array(Item).min(1),
});
export type Section = z.infer<typeof Section>;

export const AppliesTo = z.strictObject({
  kind: z.enum(ASSET_KINDS),
  /** Restrict to these roles (device roles, floor equipment kinds, power element kinds, systems). */
  roles: z.array(z.string()).min(1).optional(),
});
export type AppliesTo = z.infer<typeof AppliesTo>;

export const Prerequisites = z.strictObject({
  /** Every checklist of these levels on the same asset must be complete and signed. */
  levels: z.array(LevelSchema).min(1).optional(),
  /** These templates must be complete and signed on the same asset. */
  templates: z.array(TemplateId).min(1).optional(),
});

export const ChecklistTemplate = z
  .strictObject({
    /** Stable identity across versions, e.g. "l4-ups-functional". */
    id: TemplateId,
    /**
     * Version number: a positive integer, raised by one on every published change. Publishing
     * freezes a version and instances pin it (issue 5 §2), so all a version needs is identity
     * and order; whether an upgrade is "compatible" is decided item by item when carrying
     * answers over, never promised by a semver number.
     */
    version: z.number().int().min(1).describe('Raised by one on every published change; instances pin the version they started on.'),
    title: Text,
    level: LevelSchema.describe('Commissioning level: L1 factory witness, L2 delivery, L3 installation, L4 functional, L5 integrated systems test.'),
    description: z.string().optional(),
    appliesTo: z.array(AppliesTo).min(1).describe('Asset kinds (and roles) an instance of this template can be attached to.'),
    prerequisites: Prerequisites.optional(),
    /** References the template follows, e.g. "NFPA 110 §8.4", "ANSI/TIA-568.2-D". */
    references: z.array(z.string()).optional(),
    sections: z.array(Section).min(1),
  })
  .describe('A Plenum commissioning checklist template (docs/templates.md).');
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;

/** Every item of a template, tables included (not their columns), in order. */
export function templateItems(t: ChecklistTemplate): Item[] {
  return t.sections.flatMap((s) => s.items);
}

/** Whether an item is required when its `requiredIf` is not considered. */
export function isRequiredByDefault(item: { required?: boolean | undefined }): boolean {
  return item.required ?? true;
}

/** Every field name the format knows, for "did you mean" hints on misspelt keys. */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set(
  [ChecklistTemplate, Section, AppliesTo, Prerequisites, OnFail, ChoiceOption, TableRow, TableItem.shape.repeat.unwrap(), CheckItem, NumericItem, ChoiceItem, TextItem, DateTimeItem, PhotoItem, FileItem, SignatureItem, TableItem]
    .flatMap((schema) => Object.keys(schema.shape)),
);

/** JSON with sorted keys: two item definitions are the same whatever their YAML key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/**
 * Whether an answer to `before` still answers `after` after a template upgrade: same id, same
 * definition (type, limits, options, conditions…). Used by cx.instance.upgrade and by the walk
 * mode's preview of it, so the two cannot disagree.
 */
export function sameItemDefinition(before: unknown, after: unknown): boolean {
  return before !== undefined && after !== undefined && canonical(before) === canonical(after);
}
