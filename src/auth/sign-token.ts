import { SignJWT } from 'jose';

export interface SignTokenOptions {
  secret: string;
  userId: string;
  ttlSeconds: number;
  issuer?: string | undefined;
  audience?: string | undefined;
  now?: Date;
}

/** An HS256 bearer token for a user, as the quick start and tests hand out. */
export async function signToken(options: SignTokenOptions): Promise<string> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.ttlSeconds);
  if (options.issuer) jwt.setIssuer(options.issuer);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}

/** Parses a duration such as `90s`, `15m`, `1h` or `7d` into seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) throw new Error(`--ttl takes a duration such as 15m, 1h or 7d, not "${text}".`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
}
