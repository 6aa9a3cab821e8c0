// What `npm start` prints once the server listens. A ready-made coach token is only for the
// embedded quick start (SQLite with the demo organization, outside production): anywhere
// else stdout ends up in log collectors, and a live token must never reach a log.
import { signToken } from '../auth/sign-token.js';
import type { Config } from '../config.js';

export type BannerConfig = Pick<Config, 'env' | 'databaseUrl' | 'jwtSecret' | 'jwtIssuer' | 'jwtAudience'>;

export function isEmbeddedQuickStart(config: Pick<Config, 'env' | 'databaseUrl'>): boolean {
  return config.env !== 'production' && !config.databaseUrl;
}

export async function startBanner(
  config: BannerConfig,
  url: string,
  coach: { id: string; name: string } | undefined,
): Promise<string> {
  const lines = [
    `Groups API listening on ${url}/api/v1`,
    `API docs: ${url}/docs (OpenAPI document: ${url}/openapi.yaml)`,
  ];
  if (coach && config.jwtSecret && isEmbeddedQuickStart(config)) {
    const token = await signToken({
      secret: config.jwtSecret,
      userId: coach.id,
      ttlSeconds: 12 * 3600,
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
    });
    lines.push(
      `Try it as ${coach.name} (${coach.id}), token valid 12 hours:`,
      `  curl -s -H "Authorization: Bearer ${token}" "${url}/api/v1/groups?page_size=50"`,
    );
  } else {
    lines.push('Make a token with: npm run token -- <user_id>');
  }
  return lines.join('\n');
}
