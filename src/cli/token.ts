// npm run token -- <user_id> [--ttl 1h]: prints a bearer token for an existing user; without
// a user id, lists the users it can sign for.
import { parseArgs } from 'node:util';
import { parseTtl, signToken } from '../auth/sign-token.js';
import { findUserById, listUsers } from '../data/users-repository.js';
import { openCommandContext, runCommand } from './context.js';
import { describeUsers } from './user-list.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { ttl: { type: 'string', default: '1h' } },
});
const { config, db } = openCommandContext(['auth', 'database']);

await runCommand(async () => {
  try {
    const [userId] = positionals;
    if (positionals.length > 1) throw new Error('Usage: npm run token -- <user_id> [--ttl 1h]');
    if (!userId) {
      console.log(describeUsers(await listUsers(db)));
      return;
    }
    if (!config.jwtSecret)
      throw new Error(
        'Tokens are issued by the identity provider when AUTH_JWKS_URL is set; this command signs with AUTH_JWT_SECRET only.',
      );
    const ttlSeconds = parseTtl(values.ttl);
    if (ttlSeconds > config.tokenMaxLifetimeSeconds)
      throw new Error(
        `--ttl is longer than AUTH_MAX_TOKEN_LIFETIME (${config.tokenMaxLifetimeSeconds}s); the API would refuse it.`,
      );
    const user = await findUserById(db, userId);
    if (!user) throw new Error(`No user ${userId} exists in this database.`);
    if (user.status !== 'active')
      console.error(`Warning: ${userId} is ${user.status}; the API will answer 401 to this token.`);
    console.log(
      await signToken({
        secret: config.jwtSecret,
        userId,
        ttlSeconds,
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
      }),
    );
  } finally {
    await db.destroy();
  }
});
