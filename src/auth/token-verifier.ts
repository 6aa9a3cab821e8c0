// Verifies bearer tokens and returns the subject. HS256 with a shared secret, or the public
// keys of an identity provider's JWKS. Unsigned tokens are refused by jose itself; tokens
// without an expiry, living longer than the configured maximum or issued in the future are
// refused here. `sub` must be a user id of the spec's shape, a string compared exactly: MySQL
// compares `'usr_…' = 0` as true and ignores trailing spaces, so nothing else may reach a query.
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWSHeaderParameters,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  type JWTVerifyResult,
} from 'jose';
import { identityProviderUnavailable, unauthorized } from '../errors.js';

export interface TokenVerifierOptions {
  jwtSecret: string | undefined;
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  clock: () => Date;
  /** The user id pattern of openapi.yaml; a `sub` must match it whole. */
  subjectPattern: RegExp;
  maxLifetimeSeconds: number;
  clockToleranceSeconds: number;
}

export type TokenVerifier = (token: string) => Promise<string>;

/** How long a caller should wait after the identity provider's keys could not be fetched. */
const providerRetryAfterSeconds = 30;

class KeySourceUnavailable extends Error {}

// Errors that say something about the token (its `alg` or `kid`), not about the provider.
const tokenSideKeyErrors = [errors.JOSENotSupported, errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys];

/** The provider's key set; a failure to fetch or read it is an outage, not a bad token. */
function remoteKeySet(url: string): JWTVerifyGetKey {
  const keySet = createRemoteJWKSet(new URL(url));
  return async (header: JWSHeaderParameters, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      if (tokenSideKeyErrors.some((type) => error instanceof type)) throw error;
      throw new KeySourceUnavailable('The JWKS could not be fetched or read.', { cause: error });
    }
  };
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  let verify: (token: string, verifyOptions: JWTVerifyOptions) => Promise<JWTVerifyResult>;
  let algorithms: string[];
  if (options.jwtSecret) {
    const secret = new TextEncoder().encode(options.jwtSecret);
    verify = (token, verifyOptions) => jwtVerify(token, secret, verifyOptions);
    algorithms = ['HS256'];
  } else if (options.jwksUrl) {
    const keySet = remoteKeySet(options.jwksUrl);
    verify = (token, verifyOptions) => jwtVerify(token, keySet, verifyOptions);
    algorithms = ['RS256', 'PS256', 'ES256', 'EdDSA'];
  } else {
    throw new Error('Authentication needs AUTH_JWT_SECRET or AUTH_JWKS_URL.');
  }
  const subject = new RegExp(`^(?:${options.subjectPattern.source})$`, 'u');
  const tolerance = options.clockToleranceSeconds;

  return async (token) => {
    const now = options.clock();
    let payload: JWTVerifyResult['payload'];
    try {
      ({ payload } = await verify(token, {
        algorithms,
        requiredClaims: ['sub', 'exp'],
        currentDate: now,
        clockTolerance: tolerance,
        ...(options.issuer ? { issuer: options.issuer } : {}),
        ...(options.audience ? { audience: options.audience } : {}),
      }));
    } catch (error) {
      if (error instanceof KeySourceUnavailable || error instanceof errors.JWKSTimeout)
        throw identityProviderUnavailable(error, providerRetryAfterSeconds);
      if (error instanceof errors.JWTExpired) throw unauthorized('The bearer token has expired.');
      throw unauthorized();
    }
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (typeof payload.sub !== 'string' || !subject.test(payload.sub)) throw unauthorized();
    // jose has checked that exp and iat, when present, are numbers.
    if (payload.iat !== undefined && payload.iat > nowSeconds + tolerance)
      throw unauthorized('The bearer token is issued in the future.');
    if (payload.exp! - (payload.iat ?? nowSeconds) > options.maxLifetimeSeconds)
      throw unauthorized('The bearer token lives longer than this service accepts.');
    return payload.sub;
  };
}
