// Entity tags of groups (RFC 9110 §8.8.3): a strong tag per version, `"v3"`. If-Match
// (§13.1.1) compares strongly: `*` matches any current version, a weak tag (`W/"…"`) never
// matches, a list matches when any of its tags does. A tag of another form than ours is
// well-formed but matches no version, so it answers 412, as RFC 9110 has it.
import type { VersionCondition } from '../domain/group-version.js';
import { validationError } from '../errors.js';

export const etagOf = (version: number): string => `"v${version}"`;

// entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text
const entityTag = /^\s*(W\/)?"([\x21\x23-\x7E\x80-\xFF]*)"\s*(?:,|$)/;

/** The version condition an If-Match header sets, or undefined without the header. */
export function ifMatchCondition(header: string | undefined): VersionCondition | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return () => true;
  const tags = new Set<string>();
  let rest = header;
  while (rest.trim() !== '') {
    const match = entityTag.exec(rest);
    if (!match) {
      throw validationError('If-Match is not `*` or a list of entity tags such as "v3".', [
        { path: '/header/If-Match', message: 'must be * or a comma-separated list of quoted entity tags' },
      ]);
    }
    // A strong tag matches the version it is the tag of (etagOf); a weak one never matches.
    if (!match[1]) tags.add(`"${match[2]}"`);
    rest = rest.slice(match[0].length);
  }
  return (version) => tags.has(etagOf(version));
}
