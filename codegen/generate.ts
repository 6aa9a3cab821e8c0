// Turns openapi.yaml into the TypeScript types of the server and of the SDK, and into the JSON
// document the server loads (src/spec.ts), so that no YAML parser runs when it starts. (The SDK
// has versions of its own, made with changesets: see .changeset/README.md.)
// `--check` regenerates in memory and fails when a committed file differs, so that a schema
// changed without regenerating never reaches main.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { renderTypes } from './render.js';

const root = new URL('../', import.meta.url);
const spec = new URL('openapi.yaml', root);

async function readIfPresent(path: URL): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

const types = await renderTypes(spec);
const document = `${JSON.stringify(parse(await readFile(spec, 'utf8')), null, 2)}\n`;
const targets: [string, string][] = [
  ['src/generated/openapi.ts', types],
  ['sdk/src/generated/openapi.ts', types],
  ['src/generated/openapi.json', document],
];
const check = process.argv.includes('--check');
const stale: string[] = [];

for (const [target, generated] of targets) {
  const path = new URL(target, root);
  if (check) {
    if ((await readIfPresent(path)) !== generated) stale.push(target);
  } else {
    await writeFile(path, generated);
    console.log(`wrote ${fileURLToPath(path)}`);
  }
}

if (stale.length > 0) {
  console.error(
    `Generated files are out of date with openapi.yaml: ${stale.join(', ')}. Run \`npm run codegen\` and commit the result.`,
  );
  process.exitCode = 1;
} else if (check) {
  console.log('Generated types and document match openapi.yaml.');
}
