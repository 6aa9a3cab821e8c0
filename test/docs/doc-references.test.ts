// The documents keep their promises about the repository: every `npm run <script>` they give
// names a script that exists, every repository path they name (in code, a link or prose) exists,
// every link to a heading finds it, and README.md stays a front door (at most 200 lines).
// Pure file reading: it runs in the unit part (test/suites.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { expect } from 'chai';
import { repositoryRoot } from '../support/packed-sdk.js';

const readmeMaxLines = 200;
const documents = [
  'README.md',
  ...readdirSync(join(repositoryRoot, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
  'bench/README.md',
  'test/README.md',
  'deploy/README.md',
  'sdk/README.md',
  'SECURITY.md',
];

/** The folders whose paths documents name; a mention that starts with one of them must exist. */
const repositoryFolders = [
  'src',
  'docs',
  'test',
  'bench',
  'deploy',
  'scripts',
  'migrations',
  'sdk',
  'examples',
  'contract',
  'codegen',
  'mutation',
];

const read = (file: string) => readFileSync(join(repositoryRoot, file), 'utf8');
const scriptsOf = (packageFile: string) =>
  Object.keys((JSON.parse(read(packageFile)) as { scripts: Record<string, string> }).scripts);

/** The scripts `npm run <script>` and `npm run -s <script>` name. */
function scriptsNamed(text: string): string[] {
  return [...text.matchAll(/\bnpm run(?:\s+(?:-s|--silent))?\s+([\w:.-]+)/g)].map((match) => match[1]!);
}

/**
 * The repository paths a text names, as written: the part of a glob or placeholder before its
 * first wildcard (`src/domain/**` names `src/domain/`), without sentence punctuation. A path
 * inside another (`dist/src/cli`) or a URL is not a mention.
 */
function pathsNamed(text: string): string[] {
  const pattern = new RegExp(`(?<![\\w./:-])(?:${repositoryFolders.join('|')})/[\\w./*<>…{}-]*`, 'g');
  return [...text.matchAll(pattern)].map(([mention]) => {
    const wildcard = mention.search(/[*<>…{}]/);
    const literal = wildcard < 0 ? mention : mention.slice(0, mention.lastIndexOf('/', wildcard) + 1);
    return literal.replace(/[.]+$/, '');
  });
}

/** Markdown link targets that are neither web addresses nor mail: `[text](target)`. */
function linksNamed(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/.test(target));
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The anchors of a document's headings; a `#` line inside a code block is a comment, not a heading. */
const anchorsOf = (markdown: string) =>
  new Set(
    [...markdown.replace(/^```[^]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)].map((match) =>
      anchorOf(match[1]!),
    ),
  );

/** What builds and runs write, as .gitignore names it from the root (`/sdk/dist/`): named, never committed. */
const builtPaths = read('.gitignore')
  .split('\n')
  .filter((line) => line.startsWith('/') && !line.includes('*'))
  .map((line) => line.replace(/^\/|\/$/g, ''));

/**
 * A named path exists from the repository root or from the document's folder (test/README.md's
 * `sdk/webhooks`), as written or as the stem of a TypeScript or test file
 * (`test/unit/domain/endpoint-health`), or is built.
 */
const exists = (path: string, file: string) =>
  builtPaths.some((built) => path === built || path.startsWith(`${built}/`)) ||
  ['.', dirname(file)].some((folder) =>
    ['', '.ts', '.test.ts'].some((suffix) => existsSync(join(repositoryRoot, folder, path + suffix))),
  );

/** What a document names that is not there, one line each. */
function brokenReferences(file: string, text: string, scripts: readonly string[]): string[] {
  const broken: string[] = [];
  for (const script of new Set(scriptsNamed(text)))
    if (!scripts.includes(script)) broken.push(`${file}: npm run ${script}: no such script`);
  // A link's target is checked as a link, from the document's folder.
  const prose = text.replace(/\]\([^)\s]+\)/g, ']');
  for (const path of new Set(pathsNamed(prose))) if (!exists(path, file)) broken.push(`${file}: ${path}: no such path`);
  for (const link of new Set(linksNamed(text))) {
    const [target = '', anchor] = link.split('#');
    const linked = target === '' ? file : normalize(join(dirname(file), decodeURIComponent(target)));
    if (!existsSync(join(repositoryRoot, linked))) broken.push(`${file}: (${link}): no such file`);
    else if (anchor !== undefined && linked.endsWith('.md')) {
      const markdown = linked === file ? text : read(linked);
      if (!anchorsOf(markdown).has(anchor)) broken.push(`${file}: (${link}): no such heading`);
    }
  }
  return broken;
}

describe('what the documents name exists', () => {
  const rootScripts = scriptsOf('package.json');

  it(`README.md is a front door of at most ${readmeMaxLines} lines`, () => {
    expect(read('README.md').split('\n').length - 1).to.be.at.most(readmeMaxLines);
  });

  for (const file of documents)
    it(`${file}: every npm script, path and link it names exists`, () => {
      // sdk/README.md's commands run in the SDK's folder or, for packing, at the repository root.
      const scripts = file.startsWith('sdk/') ? [...rootScripts, ...scriptsOf('sdk/package.json')] : rootScripts;
      expect(brokenReferences(file, read(file), scripts)).to.deep.equal([]);
    });

  it('reports what a document names that is not there', () => {
    const text = [
      'Run `npm run -s bench:nothing` and `npm run token`; read `src/domain/not-here.ts` and',
      'test/unit/domain/endpoint-health, src/domain/**, dist/src/nowhere.js and https://example.com/src/x.',
      'See [scaling](docs/scaling.md#no-such-heading), [the scaling notes](docs/scaling.md) and [gone](docs/gone.md).',
    ].join('\n');
    expect(brokenReferences('README.md', text, rootScripts)).to.deep.equal([
      'README.md: npm run bench:nothing: no such script',
      'README.md: src/domain/not-here.ts: no such path',
      'README.md: (docs/scaling.md#no-such-heading): no such heading',
      'README.md: (docs/gone.md): no such file',
    ]);
  });
});
