// The Idempotency-Key header's two spellings: a structured-field string ("…") is unquoted,
// anything else (a bare key, a quote on one side only) is the key exactly as sent.
import { expect } from 'chai';
import { idempotencyKeyOf } from '../../../src/http/idempotency-key.js';

describe('idempotencyKeyOf', () => {
  it('unquotes a key quoted on both sides and keeps every other spelling as sent', () => {
    const cases: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ['abc', 'abc'],
      ['"abc"', 'abc'],
      ['"a"b"', 'a"b'],
      ['""', ''],
      ['"', '"'],
      ['"abc', '"abc'],
      ['abc"', 'abc"'],
      ['a"b', 'a"b'],
    ];
    for (const [header, key] of cases) expect(idempotencyKeyOf(header), String(header)).to.equal(key);
  });
});
