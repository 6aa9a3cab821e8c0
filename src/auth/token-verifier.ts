// Verifies bearer tokens and returns the subject. HS256 with a shared secret, or the public
// keys of an identity provider's JWKS. Unsigned tokens are refused by jose itself; tokens
// without an expiry are refused here.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyOptions, type JWTVerifyResult } from 'jose';
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
  let verify: (token: string, verifyOptions: JWTVerifyOptions) => Promise<JWTVerifyResult>;
  let algorithms: string[];
  if (options.jwtSecret) {
    const secret = new TextEncoder().encode(options.jwtSecret);
    verify = (token, verifyOptions) => jwtVerify(token, secret, verifyOptions);
    algorithms = ['HS256'];
  } else if (options.jwksUrl) {
    const keySet = createRemoteJWKSet(new URL(options.jwksUrl));
    verify = (token, verifyOptions) => jwtVerify(token, keySet, verifyOptions);
    algorithms = ['RS256', 'PS256', 'ES256', 'EdDSA'];
  } else {
    throw new Error('Authentication needs AUTH_JWT_SECRET or AUTH_JWKS_URL.');
  }

  return async (token) => {
    try {
      const { payload } = await verify(token, {
        algorithms,
        requiredClaims: ['sub', 'exp'],
        currentDate: options.clock(),
        ...(options.issuer ? { issuer: options.issuer } : {}),
        ...(options.audience ? { audience: options.audience } : {}),
      });
      return payload.sub!;
    } catch (error) {
      if (error instanceof errors.JWKSTimeout) throw serviceUnavailable(error);
      if (error instanceof errors.JWTExpired) throw unauthorized('The bearer token has expired.');
      throw unauthorized();
    }
  };
}
