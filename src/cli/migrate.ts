// npm run db:migrate (`node dist/src/cli/migrate.js`): applies the pending migrations, then
// reseals every webhook signing secret that is not under WEBHOOK_SECRETS_KEY's first key. Run
// after a key rotation, it is what lets the old key go (SECURITY.md, Secrets at rest); with
// nothing to reseal it changes nothing. It needs DATABASE_URL (in production), and the key only
// when the database holds secrets to seal: a fresh database migrates without it.
import { migrateToLatest } from '../data/migrate.js';
import { resealWebhookSecrets } from '../data/webhook-secrets-at-rest.js';
import { configuredSecretBox } from '../lib/secret-box.js';
import { openCommandContext, runCommand } from './context.js';

const { config, db } = openCommandContext(['database']);
await runCommand(async () => {
  try {
    const applied = await migrateToLatest(db, { secretsKeys: config.webhookSecretsKeys });
    console.log(applied.length > 0 ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
    if (!config.webhookSecretsKeys) return;
    const secrets = configuredSecretBox(config.webhookSecretsKeys);
    const resealed = await resealWebhookSecrets(db, secrets);
    if (resealed > 0)
      console.log(`Re-encrypted ${resealed} webhook signing secrets under key "${secrets.sealingKeyId}".`);
  } finally {
    await db.destroy();
  }
});
