// The Idempotency-Key header's value: a structured-field string (`"…"`, as the IETF draft
// defines it) or, as many clients send it, the bare value. The spec's pattern has already
// bounded it to printable ASCII; both spellings name the same key.
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return header.length >= 2 && header.startsWith('"') && header.endsWith('"') ? header.slice(1, -1) : header;
}
