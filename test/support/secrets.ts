// The signing secrets of every test app and token, in a module of their own so that tests
// without a database can use them without world.ts (which needs the test database).
import { settings } from '../../src/config.js';

/** WEBHOOK_SECRETS_KEY of every test app and process: one fixed key, id `test`. */
export const testWebhookSecretsKey = `test:${Buffer.alloc(32, 't').toString('base64')}`;

export const testSecrets = {
  jwtSecret: 'test-jwt-secret-0123456789abcdef0123456789',
  pageTokenSecret: 'test-page-token-secret-0123456789abcdef0123',
  webhookSecretsKeys: settings.webhookSecretsKeys.parse(testWebhookSecretsKey)!,
};
