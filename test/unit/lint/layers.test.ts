// The layer rule of eslint.config.js (`npm run lint`, part of `npm test`): imports that run up
// a layer, Express below HTTP, and openapi.yaml's generated types below HTTP outside src/wire
// fail it; imports down the layers pass.
import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

// A path in a variable: the config is plain JavaScript, which the type check does not read.
const configFile = '../../../eslint.config.js';
const { default: config } = (await import(configFile)) as { default: Linter.Config[] };
const layerConfigs = config.filter((entry) => entry.name?.startsWith('layers/'));
const linter = new Linter({ configType: 'flat' });

/** The layer rule's messages for `source` as the file `filename`. */
function layerErrors(filename: string, source: string): string[] {
  const messages = linter.verify(source, [{ languageOptions: { parser: tseslint.parser } }, ...layerConfigs], {
    filename,
  });
  return messages.map((message) => message.message);
}

describe('the layers of src/ (eslint.config.js)', () => {
  it('places every room of src/ in exactly one layer', () => {
    const placed = layerConfigs.flatMap((entry) => entry.files ?? []);
    const rooms = readdirSync('src', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || entry.name.endsWith('.ts'))
      .map((entry) => (entry.isDirectory() ? `src/${entry.name}/**/*.ts` : `src/${entry.name}`));
    expect([...placed].sort()).to.deep.equal(rooms.sort());
  });

  it('fails an import that runs up a layer', () => {
    const errors = layerErrors('src/domain/example.ts', "import { problem } from '../http/problem.js';\n");
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('the domain layer must not import from src/http');
  });

  it('fails type-only and re-exported imports up a layer too', () => {
    expect(layerErrors('src/data/example.ts', "import type { Caller } from '../domain/caller.js';\n")).to.have.length(
      1,
    );
    expect(layerErrors('src/wire/example.ts', "export { x } from '../data/database.js';\n")).to.have.length(1);
  });

  it('fails a dispatcher that reaches into the HTTP layer, and an import of the app from below it', () => {
    expect(
      layerErrors('src/webhooks/example.ts', "import type { Metrics } from '../http/metrics.js';\n"),
    ).to.have.length(1);
    expect(layerErrors('src/http/handlers/example.ts', "import { createApp } from '../../app.js';\n")).to.have.length(
      1,
    );
  });

  it('fails Express and generated types in the domain, and generated types in the data layer', () => {
    expect(layerErrors('src/domain/example.ts', "import type { Request } from 'express';\n")[0]).to.contain(
      'only the HTTP layer speaks Express',
    );
    expect(
      layerErrors('src/domain/example.ts', "import type { components } from '../generated/openapi.js';\n")[0],
    ).to.contain('from src/wire');
    expect(
      layerErrors('src/data/example.ts', "import type { paths } from '../generated/openapi.js';\n"),
    ).to.have.length(1);
  });

  it('passes imports down the layers and within a room', () => {
    const source = [
      "import { findActiveCaller } from '../domain/caller.js';",
      "import type { Database } from '../data/database.js';",
      "import type { WireEvent } from '../wire/events.js';",
      "import { BoundedCache } from '../lib/bounded-cache.js';",
      "import { problem } from './problem.js';",
      "import type { paths } from '../generated/openapi.js';",
      "import express from 'express';",
      "import { createServer } from 'node:http';",
    ].join('\n');
    expect(layerErrors('src/http/example.ts', source)).to.deep.equal([]);
    expect(
      layerErrors('src/domain/example.ts', "import type { EventPayload } from '../wire/events.js';\n"),
    ).to.deep.equal([]);
  });
});
