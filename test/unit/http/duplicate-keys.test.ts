import { expect } from 'chai';
import { findDuplicateKey } from '../../../src/http/duplicate-keys.js';

describe('duplicate JSON keys', () => {
  it('names the first key that appears twice in one object, as a JSON pointer', () => {
    const cases: [string, string | undefined][] = [
      ['{"a":1,"a":2}', '/a'],
      ['{"a":{"b":1,"b":2}}', '/a/b'],
      ['{"a":[1,{"x":1,"x":2}]}', '/a/1/x'],
      ['{"a":1,"\\u0061":2}', '/a'],
      ['{"a":"\\"a","a":1}', '/a'],
      ['{"a/b":{"c~":0,"c~":1}}', '/a~1b/c~0'],
      ['{"a":"x\\\\","a":1}', '/a'],
      ['{"a":1,"b":{"a":1}}', undefined],
      ['[{"a":1},{"a":1}]', undefined],
      ['{"m":["a","a"]}', undefined],
      ['{"x":"{\\"q\\":1,\\"q\\":2}"}', undefined],
      ['{"a":1,"A":2}', undefined],
      ['"text"', undefined],
      ['{}', undefined],
    ];
    for (const [text, pointer] of cases) {
      JSON.parse(text);
      expect(findDuplicateKey(text), text).to.equal(pointer);
    }
  });

  // Its speed against JSON.parse is the benchmark's (bench/bounds.ts).
  it('scans a body near the size limit, 9,000 keys deep in objects, to the end', () => {
    const objects = Object.fromEntries(Array.from({ length: 9000 }, (_, index) => [`k${index}`, { v: index }]));
    const text = JSON.stringify({ members: Array.from({ length: 5000 }, (_, index) => `usr_${index}`), objects });
    expect(text.length).to.be.above(200 * 1024);
    expect(findDuplicateKey(text)).to.equal(undefined);
    expect(findDuplicateKey(`${text.slice(0, -2)},"k8999":1}}`)).to.equal('/objects/k8999');
  });
});
