// The character rules of a group's name and description (docs/decisions.md, "Groups"). Lengths
// count Unicode code points, as JSON Schema's maxLength does, so the spec and the service
// draw the same line (100 emoji are 100 characters, not 200 UTF-16 units).
import { createHash } from 'node:crypto';
import { invalidInput } from '../errors.js';

export interface GroupName {
  /** As stored and shown: trimmed, Unicode NFC. */
  name: string;
  /** What uniqueness and ordering compare: see groupNameKey. */
  key: string;
}

export const maxNameLength = 100;
export const maxDescriptionLength = 1000;
/** The name_key column's width in code points (migrations/20261126080100_groups.ts). */
export const maxKeyLength = 400;

// \p{Cc} is U+0000–U+001F and U+007F–U+009F; the bidi embeddings, overrides and isolates can
// make a name read differently from what it is ("Trojan Source"). openapi.yaml carries the
// same classes as explicit ranges, which every regex dialect reads alike.
const controlOrBidi = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const controlButNewlineOrTab = /[^\P{Cc}\n\t]/u;
const defaultIgnorable = /\p{Default_Ignorable_Code_Point}/gu;

const codePoints = (text: string) => Array.from(text).length;

const invalidName = (message: string) => invalidInput(`The group name ${message}.`, [{ field: 'name', message }]);

/**
 * The uniqueness and sort key: NFKC, default-ignorable code points (zero-width space,
 * joiners, U+FEFF, …) removed, whitespace runs collapsed to one space, ends trimmed, lower case. So
 * "Marathon\u200B Block A" and "ＭARATHON  block a" are the same name as "Marathon Block A".
 * NFKC can expand a character up to 18-fold (U+FDFA); a key longer than the column keeps a
 * prefix and a digest of the rest, unique all the same.
 */
export function groupNameKey(name: string): string {
  const key = name.normalize('NFKC').replace(defaultIgnorable, '').replace(/\s+/gu, ' ').trim().toLowerCase();
  if (codePoints(key) <= maxKeyLength) return key;
  const digest = createHash('sha256').update(key).digest('hex');
  return `${[...key].slice(0, maxKeyLength - digest.length - 1).join('')}#${digest}`;
}

export function normalizeGroupName(raw: string): GroupName {
  const name = raw.trim().normalize('NFC');
  const length = codePoints(name);
  if (length < 1 || length > maxNameLength) throw invalidName('must have 1 to 100 characters after trimming');
  if (controlOrBidi.test(name)) throw invalidName('must not contain control or bidirectional control characters');
  const key = groupNameKey(name);
  if (key === '') throw invalidName('must contain a visible character');
  return { name, key };
}

/** A description as stored: unchanged, or a 400 when it breaks the character rules. */
export function checkDescription(description: string): string {
  const invalid = (message: string) => invalidInput(`The description ${message}.`, [{ field: 'description', message }]);
  if (codePoints(description) > maxDescriptionLength) throw invalid('must have at most 1000 characters');
  if (controlButNewlineOrTab.test(description))
    throw invalid('must not contain control characters other than newline and tab');
  return description;
}
