import { randomBytes } from 'node:crypto';

/** A new opaque id: the prefix, `_`, and 128 random bits as 22 URL-safe characters. */
export function newId(prefix: 'grp' | 'aud' | 'evt' | 'whe' | 'whd'): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}
