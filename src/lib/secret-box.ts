// Webhook signing secrets at rest (SECURITY.md, Secrets at rest): AES-256-GCM under a key of
// WEBHOOK_SECRETS_KEY, stored as `v1:<key id>:<iv>:<ciphertext and tag>` (base64url). The key
// id beside the ciphertext is what lets the key rotate: the first key seals, every key opens,
// and a value under any other key than the first needs resealing. The caller binds each value
// to its row (the endpoint id, as additional data), so that a value copied into another
// endpoint's row does not open there.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretsKey } from '../config.js';

export interface SecretBox {
  seal(plain: string, boundTo: string): string;
  /** The plain secret; throws SecretBoxError when it is not sealed or does not open. */
  open(stored: string, boundTo: string): string;
  /** Whether a stored value is plain text or sealed under a key other than the first. */
  needsResealing(stored: string): boolean;
  /** The key that seals. */
  readonly sealingKeyId: string;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Sealed {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** The parts of a sealed value; undefined for anything else (plain text before the migration). */
function parse(stored: string): Sealed | undefined {
  const parts = stored.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  const [, keyId, iv, body] = parts as [string, string, string, string];
  const sealed = Buffer.from(body, 'base64url');
  if (!keyId || sealed.length < TAG_BYTES) return undefined;
  return {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    ciphertext: sealed.subarray(0, sealed.length - TAG_BYTES),
    tag: sealed.subarray(sealed.length - TAG_BYTES),
  };
}

/** Whether a stored value is sealed (by any key); anything else is plain text from before the migration. */
export const isSealed = (stored: string): boolean => parse(stored) !== undefined;

export function createSecretBox(keys: readonly SecretsKey[]): SecretBox {
  const [sealing] = keys;
  if (!sealing) throw new SecretBoxError('a secret box needs at least one key');
  for (const { id, key } of keys) {
    if (key.length !== 32) throw new SecretBoxError(`key "${id}" is ${key.length} bytes; AES-256 takes 32`);
    // The id is one of the value's colon-separated parts.
    if (id.includes(':') || id === '') throw new SecretBoxError(`key id "${id}" must be non-empty and without ":"`);
  }
  const byId = new Map(keys.map(({ id, key }) => [id, key]));

  return {
    sealingKeyId: sealing.id,

    seal(plain, boundTo) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sealing.key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [VERSION, sealing.id, iv.toString('base64url'), sealed.toString('base64url')].join(':');
    },

    open(stored, boundTo) {
      const sealed = parse(stored);
      if (!sealed) {
        // Plain text left from before the migration must not sign quietly: it would mean the
        // migration never ran here, and the database still leaks it.
        if (stored.startsWith('whsec_'))
          throw new SecretBoxError(
            'a webhook signing secret is stored in plain text: run the migrations (node dist/src/cli/migrate.js) with WEBHOOK_SECRETS_KEY set',
          );
        throw new SecretBoxError('a stored webhook signing secret is not a sealed value (v1:<key id>:…)');
      }
      const key = byId.get(sealed.keyId);
      if (!key)
        throw new SecretBoxError(
          `a webhook signing secret is sealed under key "${sealed.keyId}", which WEBHOOK_SECRETS_KEY does not hold`,
        );
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(sealed.tag);
        return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(
          `a webhook signing secret does not open under key "${sealed.keyId}": altered, moved from another endpoint, or sealed by another key of that id`,
        );
      }
    },

    needsResealing(stored) {
      return parse(stored)?.keyId !== sealing.id;
    },
  };
}

/** The box of WEBHOOK_SECRETS_KEY's keys, for commands that store secrets; says what to set when there are none. */
export function configuredSecretBox(keys: readonly SecretsKey[] | undefined): SecretBox {
  if (!keys?.length)
    throw new SecretBoxError('WEBHOOK_SECRETS_KEY is not set: webhook signing secrets are stored encrypted under it');
  return createSecretBox(keys);
}
