// The SDK's helpers for pages (sdk/src/uuid.ts, sdk/src/browser.ts) as pure units: the UUID
// fallback for insecure contexts (also with crypto.randomUUID taken away, as such a page has it),
// and which failures may be a CORS block.
import { expect } from 'chai';
import { corsHint, mayBeCorsBlock, pageOrigin } from '../../../sdk/src/browser.js';
import { randomUuid, uuidFromRandomBytes } from '../../../sdk/src/uuid.js';

const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('SDK helpers for pages', () => {
  it('builds version 4 UUIDs from random bytes, setting only the version and variant bits', () => {
    expect(uuidFromRandomBytes(new Uint8Array(16))).to.equal('00000000-0000-4000-8000-000000000000');
    expect(uuidFromRandomBytes(new Uint8Array(16).fill(0xff))).to.equal('ffffffff-ffff-4fff-bfff-ffffffffffff');
    const bytes = Uint8Array.from({ length: 16 }, (_, index) => index * 17);
    expect(uuidFromRandomBytes(bytes)).to.equal('00112233-4455-4677-8899-aabbccddeeff');
    expect(bytes[6]).to.equal(0x66); // the caller's bytes are left alone
    for (let run = 0; run < 20; run++)
      expect(uuidFromRandomBytes(crypto.getRandomValues(new Uint8Array(16)))).to.match(v4);
  });

  it('falls back to crypto.getRandomValues where crypto.randomUUID is missing (no secure context)', () => {
    const randomUUID = Object.getOwnPropertyDescriptor(crypto, 'randomUUID');
    const getRandomValues = crypto.getRandomValues.bind(crypto);
    let randomCalls = 0;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    Object.defineProperty(crypto, 'getRandomValues', {
      value: (array: Uint8Array) => {
        randomCalls++;
        return getRandomValues(array);
      },
      configurable: true,
    });
    try {
      const keys = [randomUuid(), randomUuid()];
      expect(randomCalls).to.equal(2);
      for (const key of keys) expect(key).to.match(v4);
      expect(keys[0]).not.to.equal(keys[1]);
    } finally {
      if (randomUUID) Object.defineProperty(crypto, 'randomUUID', randomUUID);
      else delete (crypto as { randomUUID?: unknown }).randomUUID;
      delete (crypto as { getRandomValues?: unknown }).getRandomValues;
    }
    expect(randomUuid()).to.match(v4);
    expect(typeof crypto.randomUUID).to.equal('function');
  });

  it('takes only a TypeError of a cross-origin request from a page for a possible CORS block', () => {
    const page = 'http://app.example:8080';
    expect(mayBeCorsBlock('http://api.example/api/v1/groups', new TypeError('Failed to fetch'), page)).to.equal(true);
    expect(mayBeCorsBlock('http://app.example:8080/api/v1/groups', new TypeError('Failed to fetch'), page)).to.equal(
      false,
    );
    expect(mayBeCorsBlock('http://api.example/api/v1/groups', new Error('reset'), page)).to.equal(false);
    expect(mayBeCorsBlock('http://api.example/api/v1/groups', new TypeError('fetch failed'), undefined)).to.equal(
      false,
    );
    expect(corsHint('http://api.example/api/v1/groups', page)).to.equal(
      "the browser refused the request to http://api.example: most likely CORS (is this page's origin, " +
        "http://app.example:8080, in the API's CORS_ORIGINS?), else the network",
    );
  });

  it('finds no page in Node, so that network failures there are retried as before', () => {
    expect(pageOrigin()).to.equal(undefined);
  });
});
