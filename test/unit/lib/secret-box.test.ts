// The secret box as a pure unit: what it stores, and every way a stored value must fail to
// open rather than yield a wrong or unchecked secret.
import { expect } from 'chai';
import { configuredSecretBox, createSecretBox, SecretBoxError } from '../../../src/lib/secret-box.js';

const key = (id: string, byte: number) => ({ id, key: Buffer.alloc(32, byte) });
const secret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

describe('secret box', () => {
  const box = createSecretBox([key('k1', 1)]);

  const refusal = (open: () => string): string => {
    try {
      open();
    } catch (error) {
      expect(error).to.be.instanceOf(SecretBoxError);
      return (error as Error).message;
    }
    return expect.fail('opened');
  };

  it('opens what it sealed, for the row it sealed it for', () => {
    const stored = box.seal(secret, 'whe_1');
    expect(box.open(stored, 'whe_1')).to.equal(secret);
    expect(stored).to.not.include('whsec_');
  });

  it('stores v1, the key id, a 12-byte iv and the ciphertext with its 16-byte tag, in base64url', () => {
    const stored = box.seal(secret, 'whe_1');
    const [version, keyId, iv, body] = stored.split(':');
    expect([version, keyId]).to.deep.equal(['v1', 'k1']);
    expect(stored).to.match(/^v1:k1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(Buffer.from(iv!, 'base64url')).to.have.length(12);
    expect(Buffer.from(body!, 'base64url')).to.have.length(Buffer.byteLength(secret) + 16);
    // A fresh iv each time: one secret sealed twice gives two values.
    expect(box.seal(secret, 'whe_1')).to.not.equal(stored);
    // What the widened columns hold: the longest key id and a Standard Webhooks secret.
    const longest = createSecretBox([key('k'.repeat(16), 1)]).seal(secret, 'whe_1');
    expect(longest.length).to.be.at.most(255);
  });

  it('refuses a key id it does not hold, naming it', () => {
    const other = createSecretBox([key('k9', 1)]);
    expect(refusal(() => other.open(box.seal(secret, 'whe_1'), 'whe_1'))).to.include('"k1"');
  });

  it('refuses a value with any byte changed', () => {
    const stored = box.seal(secret, 'whe_1');
    const [version, keyId, iv, body] = stored.split(':') as [string, string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    for (const index of [0, bytes.length - 17, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[index]! ^= 1;
      const value = [version, keyId, iv, tampered.toString('base64url')].join(':');
      expect(refusal(() => box.open(value, 'whe_1'))).to.include('does not open under key "k1"');
    }
    const ivBytes = Buffer.from(iv, 'base64url');
    ivBytes[0]! ^= 1;
    expect(
      refusal(() => box.open([version, keyId, ivBytes.toString('base64url'), body].join(':'), 'whe_1')),
    ).to.include('does not open');
  });

  it('refuses a value copied into another row', () => {
    expect(refusal(() => box.open(box.seal(secret, 'whe_1'), 'whe_2'))).to.include('does not open');
  });

  it('refuses a key of the same id that is not the one that sealed', () => {
    const impostor = createSecretBox([key('k1', 2)]);
    expect(refusal(() => impostor.open(box.seal(secret, 'whe_1'), 'whe_1'))).to.include('does not open');
  });

  it('opens with any key it holds and seals with the first: a rotated key still opens the old values', () => {
    const old = box.seal(secret, 'whe_1');
    const rotated = createSecretBox([key('k2', 2), key('k1', 1)]);
    expect(rotated.open(old, 'whe_1')).to.equal(secret);
    expect(rotated.needsResealing(old)).to.equal(true);
    const resealed = rotated.seal(rotated.open(old, 'whe_1'), 'whe_1');
    expect(resealed.split(':')[1]).to.equal('k2');
    expect(rotated.needsResealing(resealed)).to.equal(false);
    expect(rotated.sealingKeyId).to.equal('k2');
  });

  it('refuses plain text from before the migration, and anything else not sealed', () => {
    expect(refusal(() => box.open(secret, 'whe_1'))).to.include('plain text');
    expect(box.needsResealing(secret)).to.equal(true);
    for (const value of ['', 'v1:k1', 'v1::aaaa:bbbb', 'v2:k1:aaaa:bbbb', 'v1:k1:aaaa:bbbb:cccc'])
      expect(
        refusal(() => box.open(value, 'whe_1')),
        value,
      ).to.include('not a sealed value');
  });

  it('takes only version 1 with a key id as sealed, however well the rest would open', () => {
    const [, keyId, iv, body] = box.seal(secret, 'whe_1').split(':') as [string, string, string, string];
    for (const value of [
      ['v2', keyId, iv, body],
      ['v1', '', iv, body],
    ].map((parts) => parts.join(':')))
      expect(
        refusal(() => box.open(value, 'whe_1')),
        value,
      ).to.include('not a sealed value');
  });

  it('opens an empty secret (a body of the tag alone), and refuses a body shorter than the tag', () => {
    const empty = box.seal('', 'whe_1');
    expect(Buffer.from(empty.split(':')[3]!, 'base64url')).to.have.length(16);
    expect(box.open(empty, 'whe_1')).to.equal('');
    const [version, keyId, iv, body] = empty.split(':') as [string, string, string, string];
    const cut = Buffer.from(body, 'base64url').subarray(1).toString('base64url');
    expect(refusal(() => box.open([version, keyId, iv, cut].join(':'), 'whe_1'))).to.include('not a sealed value');
  });

  it('needs at least one key of 32 bytes, under an id that can stand between colons', () => {
    const refusalOf = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        expect(error).to.be.instanceOf(SecretBoxError).with.property('name', 'SecretBoxError');
        return (error as Error).message;
      }
      return expect.fail('made a box');
    };
    expect(refusalOf(() => createSecretBox([]))).to.equal('a secret box needs at least one key');
    expect(refusalOf(() => createSecretBox([{ id: 'short', key: Buffer.alloc(16) }]))).to.equal(
      'key "short" is 16 bytes; AES-256 takes 32',
    );
    expect(refusalOf(() => createSecretBox([key('a:b', 1)]))).to.equal(
      'key id "a:b" must be non-empty and without ":"',
    );
    expect(refusalOf(() => createSecretBox([key('', 1)]))).to.equal('key id "" must be non-empty and without ":"');
    expect(refusalOf(() => configuredSecretBox(undefined))).to.include('WEBHOOK_SECRETS_KEY is not set');
    expect(refusalOf(() => configuredSecretBox([]))).to.include('WEBHOOK_SECRETS_KEY is not set');
    expect(configuredSecretBox([key('k1', 1)]).open(box.seal(secret, 'whe_1'), 'whe_1')).to.equal(secret);
  });
});
