// Idempotency keys without `crypto.randomUUID`: browsers expose it in secure contexts only
// (https, localhost), so a page served over http from another host has none. The fallback builds
// the same random (version 4) UUID from `crypto.getRandomValues`, which every context has.

/** A version 4 UUID from 16 random bytes (RFC 9562 §5.4: version and variant bits set). */
export function uuidFromRandomBytes(bytes: Uint8Array): string {
  const uuid = Uint8Array.from(bytes);
  uuid[6] = (uuid[6]! & 0x0f) | 0x40;
  uuid[8] = (uuid[8]! & 0x3f) | 0x80;
  const hex = Array.from(uuid, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function randomUuid(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : uuidFromRandomBytes(crypto.getRandomValues(new Uint8Array(16)));
}
