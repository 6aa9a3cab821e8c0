// The SDK's release as a maintainer runs it (`npm run sdk:release -- --dry-run`), in a copy of
// the repository's release inputs: a pending changeset becomes the version and the changelog
// entry, the lockfile follows, and what npm would publish is the built package.
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { repositoryRoot } from '../support/packed-sdk.js';
import { runCommand } from '../support/run-command.js';

describe('SDK release (scripts/sdk-release.sh)', function () {
  this.timeout(180_000);
  let copy: string;

  before(() => {
    copy = mkdtempSync(join(tmpdir(), 'groups-sdk-release-'));
    for (const path of ['package.json', 'package-lock.json', '.changeset', 'scripts/sdk-release.sh'])
      cpSync(join(repositoryRoot, path), join(copy, path), { recursive: true });
    cpSync(join(repositoryRoot, 'sdk'), join(copy, 'sdk'), {
      recursive: true,
      filter: (source) => !source.includes(`${join('sdk', 'dist')}`),
    });
    symlinkSync(join(repositoryRoot, 'node_modules'), join(copy, 'node_modules'));
    // The release under test is the test's own changeset alone, whatever the repository has pending.
    for (const file of readdirSync(join(copy, '.changeset')))
      if (file.endsWith('.md') && file !== 'README.md') rmSync(join(copy, '.changeset', file));
  });

  after(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('turns a pending changeset into the version and its changelog entry, and publishes the built package (dry)', async () => {
    const before = JSON.parse(readFileSync(join(copy, 'sdk', 'package.json'), 'utf8')) as { version: string };
    const [major, minor, patch] = before.version.split('.').map(Number) as [number, number, number];
    const next = `${major}.${minor}.${patch + 1}`;
    writeFileSync(
      join(copy, '.changeset', 'release-test.md'),
      "---\n'@groups-api/sdk': patch\n---\n\nA change the release test made up.\n",
    );

    // npm lists what it would publish on stderr.
    const output = await runCommand('bash', ['-c', 'bash scripts/sdk-release.sh --dry-run 2>&1'], copy);

    expect(JSON.parse(readFileSync(join(copy, 'sdk', 'package.json'), 'utf8'))).to.include({ version: next });
    const changelog = readFileSync(join(copy, 'sdk', 'CHANGELOG.md'), 'utf8');
    expect(changelog.indexOf(`## ${next}`))
      .to.be.above(-1)
      .and.below(changelog.indexOf(`## ${before.version}`));
    expect(changelog).to.contain('A change the release test made up.');
    expect(existsSync(join(copy, '.changeset', 'release-test.md')), 'the changeset is used up').to.equal(false);
    const lock = JSON.parse(readFileSync(join(copy, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    expect(lock.packages.sdk?.version, 'the lockfile follows').to.equal(next);
    expect(output).to.contain(`sdk release: @groups-api/sdk@${next} (dry run)`);
    // prepack built it: the package holds the builds, not only the sources.
    for (const file of ['dist/esm/index.js', 'dist/cjs/index.cjs', 'dist/esm/index.d.ts', 'CHANGELOG.md'])
      expect(output, file).to.contain(file);
  });

  it('refuses to release with no pending changeset', async () => {
    const failed = await runCommand('bash', ['scripts/sdk-release.sh', '--dry-run'], copy).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failed?.message).to.contain('no pending changesets');
  });
});
