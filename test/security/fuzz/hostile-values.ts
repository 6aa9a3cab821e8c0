// The inputs an attacker tries first: non-finite and boundary numbers, control, zero-width,
// bidi and emoji text, injection strings, impossible dates, case variants of time zones.
import fc from 'fast-check';

export const controlCharacters = ['\u0000', '\u0007', '\b', '\n', '\r\n', '\t', '\u001b[31m', '\u007f', '\u0085'];
export const invisibleCharacters = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E'];
export const bidiControls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
export const emoji = ['🏃', '👩🏽‍🚀', '🇫🇷', 'e\u0301', 'Ｍ', 'ﬁ', 'İ', 'ß', '\uD800', '\uDFFF', '𝔐'];
export const injections = [
  "' OR '1'='1",
  "'; DROP TABLE groups; --",
  '" OR ""="',
  '1; SELECT SLEEP(5)',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '{"$gt":""}',
  '{"__proto__":{"admin":true}}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '${7*7}',
  '%s%n%x',
  '\\',
  '`id`',
  'null',
  'undefined',
  'NaN',
  'usr_',
  'grp_',
];

const textFragments = [
  ...controlCharacters,
  ...invisibleCharacters,
  ...bidiControls,
  ...emoji,
  ...injections,
  ' ',
  '  ',
  'a',
  'Marathon',
  'Block A',
];

/** Text built from the fragments above, plain strings, and the edges of length limits. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.constantFrom(...textFragments), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join('')),
  },
  { weight: 2, arbitrary: fc.constantFrom(...textFragments) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u200B',
      'a'.repeat(100),
      'a'.repeat(101),
      '🏃'.repeat(100),
      '🏃'.repeat(101),
      ` ${'b'.repeat(100)} `,
      'é'.repeat(1000),
      'x'.repeat(1001),
      'y'.repeat(5000),
    ),
  },
);

/** Spellings of numbers beyond any finite value: no numeric parameter may take them. */
export const nonFiniteNumberTexts = ['Infinity', '-Infinity', '+Infinity', '1e309', '-1e309', 'NaN'];

/** Query values for numeric parameters, most of which must be refused. */
export const hostileNumberTexts = [
  ...nonFiniteNumberTexts,
  'abc',
  '1.5',
  '-1',
  '0',
  '101',
  '1000000',
  '99999999999999999999999',
  '9007199254740993',
  '253402300800',
  '1,2',
  '[object Object]',
  '',
  '05',
  '+5',
  ' 5',
  '1e1',
  '0x10',
  '1.0',
  '-0',
];

/** Values of every JSON type, for a field of any other type. */
export const wrongTypes: fc.Arbitrary<unknown> = fc.constantFrom(
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -0,
  '',
  '0',
  [],
  [null],
  {},
  { $gt: '' },
  Number.MAX_SAFE_INTEGER + 2,
);

export const impossibleDates = [
  '2025-02-29',
  '2024-02-30',
  '2025-04-31',
  '2025-13-01',
  '2025-00-10',
  '2025-01-00',
  '20250101',
  '2025-1-1',
  '2025-01-01T00:00:00Z',
  '9999-99-99',
  '0000-00-00',
  '+02025-01-01',
  '2025-01-01 ',
  '2025‐01‐01',
];

/** A valid calendar date near today, so that some filters select activities. */
export const recentDate: fc.Arbitrary<string> = fc
  .integer({ min: -60, max: 10 })
  .map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10));

export const anyDate: fc.Arbitrary<string> = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

export const timeZones = [
  'UTC',
  'Etc/GMT+12',
  'Europe/Paris',
  'America/New_York',
  'America/Argentina/ComodRivadavia',
  'America/Indiana/Knox',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
];

/** The same zone in another case: Intl accepts it, and each variant is a new string. */
export const caseVariant = (zone: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: zone.length, maxLength: zone.length })
    .map((flips) => [...zone].map((char, i) => (flips[i] ? char.toUpperCase() : char.toLowerCase())).join(''));

export const hostileTimeZone: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...timeZones).chain(caseVariant) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Mars/Olympus_Mons',
      'Europe/Paris;DROP',
      '../../etc/localtime',
      'Etc/GMT+15',
      '+05:45',
      'EST5EDT',
      'GMT0',
      'a'.repeat(64),
      'a'.repeat(65),
      'Europe/Paris\u0000',
      'Europe/Paris ',
      'local',
    ),
  },
  { weight: 1, arbitrary: hostileText },
);

/** Changes one character of a token, keeping it in the token alphabet. */
export function flipCharacter(token: string, index: number): string {
  const position = index % token.length;
  const char = token[position]!;
  const replacement = char === 'A' ? 'B' : 'A';
  return token.slice(0, position) + replacement + token.slice(position + 1);
}
