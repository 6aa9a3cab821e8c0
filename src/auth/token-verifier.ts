// Verifies bearer tokens and returns the subject. HS256 with a shared secret, or the public
// keys of an identity provider's JWKS. Unsigned tokens are refused by jose itself; tokens
// without an expiry are refused here.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { serviceUnavailable, unauthorized } from '../errors.js';

export interface TokenVerifierOptions {
  jwtSecret: string | undefined;
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  clock: () => Date;
}

export type TokenVerifier = (token: string) => Promise<string>;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (options.jwtSecret) {
    key = new TextEncoder().encode(options.jwtSecret);
    algorithms = ['HS256'];
  } else if (options.jwksUrl) {
    key = createRemoteJWKSet(new URL(options.jwksUrl));
    algorithms = ['RS256', 'PS256', 'ES256', 'EdDSA'];
  } else {
    throw new Error('Authentication needs AUTH_JWT_SECRET or AUTH_JWKS_URL.');
  }

  return async (token) => {
    const verifyOptions: JWTVerifyOptions = {
      algorithms,
      requiredClaims: ['sub', 'exp'],
      currentDate: options.clock(),
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.audience ? { audience: options.audience } : {}),
    };
    try {
      const { payload } = typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions);
      return payload.sub!;
    } catch (error) {
      if (error instanceof errors.JWKSTimeout) throw serviceUnavailable(error);
      if (error instanceof errors.JWTExpired) throw unauthorized('The bearer token has expired.');
      throw unauthorized();
    }
  };
}
