// What the test knows without asking the service: whether an input is valid by the spec,
// and the rules of docs/decisions.md that every answer must keep.
import { nonFiniteNumberTexts, timeZones } from './hostile-values.js';
import { schemaErrors, type Operation, type Schema } from './spec-model.js';

export type Validity = 'valid' | 'invalid' | 'unknown';

const canonicalInteger = /^-?(0|[1-9]\d*)$/;
const surelyNotANumber = new Set([...nonFiniteNumberTexts, '1,2', '[object Object]']);

/** A query value as the spec judges it; `unknown` where parsers may reasonably differ ("05", "1e1"). */
export function queryValidity(schema: Schema, raw: string | string[]): Validity {
  if (Array.isArray(raw)) return 'unknown';
  const resolved = schema.$ref ? undefined : schema;
  const type = resolved?.type;
  // A list parameter (style form, not exploded): comma-separated items, judged as the array.
  if (type === 'array') return schemaErrors(schema, raw.split(',')) ? 'invalid' : 'valid';
  if (type === 'integer' || type === 'number') {
    if (canonicalInteger.test(raw)) return schemaErrors(schema, Number(raw)) ? 'invalid' : 'valid';
    if (surelyNotANumber.has(raw) || /^-?\d+\.\d*[1-9]\d*$/.test(raw) || Number.isNaN(Number(raw))) return 'invalid';
    return 'unknown';
  }
  return schemaErrors(schema, raw) ? 'invalid' : 'valid';
}

export function bodyValidity(operation: Operation, value: unknown): Validity {
  return schemaErrors(operation.body!.schema, value) ? 'invalid' : 'valid';
}

const bidi = /[\u202A-\u202E\u2066-\u2069]/u;
const control = /\p{Cc}/u;

/** docs/decisions.md's uniqueness key of a group name. */
export function nameKey(name: string): string {
  return name
    .trim()
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** docs/decisions.md: 1–100 code points after trimming, no control or bidi characters, not invisible. */
export function acceptableName(name: unknown): boolean {
  if (typeof name !== 'string') return false;
  const trimmed = name.trim();
  const length = [...trimmed].length;
  return length >= 1 && length <= 100 && !control.test(name) && !bidi.test(name) && nameKey(name) !== '';
}

/** docs/decisions.md: up to 1000 code points, no control characters but newline and tab. */
export function acceptableDescription(description: unknown): boolean {
  if (description === null || description === undefined) return true;
  if (typeof description !== 'string') return false;
  return [...description].length <= 1000 && !/[^\P{Cc}\n\t]/u.test(description);
}

const supportedZones = new Set(Intl.supportedValuesOf('timeZone'));
const spelledZones = new Set(timeZones);

function resolvedZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * The zone a stats answer echoes for a requested zone: the same zone (by Intl's resolution),
 * spelled canonically, never in the caller's letter case. A link (US/Eastern, GMT0) may be
 * echoed as sent: Intl knows only the canonical id, not a link's own spelling.
 */
export function echoedZoneProblem(requested: string, echoed: string): string | undefined {
  const zone = resolvedZone(requested);
  if (zone === undefined || zone !== resolvedZone(echoed))
    return `asked for ${JSON.stringify(requested)}, answered ${JSON.stringify(echoed)}`;
  const canonicalSpelling = supportedZones.has(echoed) || zone === echoed || spelledZones.has(echoed);
  const linkAsSent = echoed === requested && zone.toLowerCase() !== requested.toLowerCase();
  if (!canonicalSpelling && !linkAsSent) return `echoed ${JSON.stringify(echoed)}, not the zone's canonical spelling`;
  return undefined;
}
