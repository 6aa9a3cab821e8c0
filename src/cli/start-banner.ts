// What `npm start` prints once the server listens. A ready-made coach token is only for the
// embedded quick start (SQLite with the demo organization, outside production): anywhere
// else stdout ends up in log collectors, and a live token must never reach a log.
import { signToken } from '../auth/sign-token.js';
import type { Config } from '../config.js';
import { demoCoachId, demoOrgId, demoUserPerRole } from '../sandbox/demo-data.js';

export type BannerConfig = Pick<Config, 'env' | 'databaseUrl' | 'jwtSecret' | 'jwtIssuer' | 'jwtAudience'>;

export function isEmbeddedQuickStart(config: Pick<Config, 'env' | 'databaseUrl'>): boolean {
  return config.env !== 'production' && !config.databaseUrl;
}

// What each role sees in the list, in the words of the API reference, and how an athlete
// finds the groups they are in (the reference's list gives athletes the groups they own).
const roleNotes = {
  admin: 'sees and changes every group of the organization',
  coach: 'sees and changes every group of the organization',
  athlete: 'GET /api/v1/groups lists the groups they own; ?member=me the groups they are in',
};

function demoUsersLines(): string[] {
  const idWidth = Math.max(...demoUserPerRole.map((user) => user.id.length));
  return [
    `Demo organization ${demoOrgId}, one user per role (a token for any: npm run token -- <user_id>):`,
    ...demoUserPerRole.map(
      (user) => `  ${user.role.padEnd(8)} ${user.id.padEnd(idWidth)}  ${user.name}: ${roleNotes[user.role]}`,
    ),
  ];
}

export async function startBanner(
  config: BannerConfig,
  url: string,
  coach: { id: string; name: string } | undefined,
): Promise<string> {
  const lines = [
    `Groups API listening on ${url}/api/v1`,
    `API docs: ${url}/docs (OpenAPI document: ${url}/openapi.yaml)`,
    // The SDK's paths start with /api/v1, so its baseUrl is the origin alone.
    `SDK: createGroupsClient({ baseUrl: '${url}', token })`,
  ];
  if (coach && config.jwtSecret && isEmbeddedQuickStart(config)) {
    const token = await signToken({
      secret: config.jwtSecret,
      userId: coach.id,
      ttlSeconds: 12 * 3600,
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
    });
    // The demo organization is loaded when its coach is the one found.
    if (coach.id === demoCoachId) lines.push(...demoUsersLines());
    lines.push(
      `Try it as ${coach.name} (${coach.id}), token valid 12 hours:`,
      `  curl -s -H "Authorization: Bearer ${token}" "${url}/api/v1/groups?page_size=50"`,
    );
  } else {
    lines.push('Make a token with: npm run token -- <user_id>');
  }
  if (isEmbeddedQuickStart(config)) lines.push('Webhooks to this machine: npm run webhooks:listen');
  return lines.join('\n');
}
