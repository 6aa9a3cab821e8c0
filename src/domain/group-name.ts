import { validationError } from '../errors.js';

export interface GroupName {
  /** As stored and shown: trimmed, Unicode NFC. */
  name: string;
  /** What uniqueness and ordering compare: the name, lower-cased. */
  key: string;
}

export function normalizeGroupName(raw: string): GroupName {
  const name = raw.trim().normalize('NFC');
  if (name.length < 1 || name.length > 100) {
    throw validationError('The group name must have 1 to 100 characters after trimming.', [
      { path: '/body/name', message: 'must have 1 to 100 characters after trimming' },
    ]);
  }
  return { name, key: name.toLowerCase().normalize('NFC') };
}
