// The SDK's types as the compiler sees them: request properties with a default are optional
// (a partner may leave `privacy` out), responses keep every property required, and each
// method's result is the body openapi-fetch infers from the spec's response, checked against
// the type the method declares: a spec whose response changes breaks the SDK's build instead
// of being cast over. Each case compiles the SDK's sources with generated types from a spec
// (the real one, or one changed in memory) under --strict.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { renderTypes } from '../../codegen/render.js';
import { loadSpec } from '../../src/spec.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// What a partner writes: compiles only if defaults are optional in requests and required in answers.
const partnerCode = `
import { createGroupsClient, type Group, type Privacy } from './index.js';
const groups = createGroupsClient({ baseUrl: 'http://localhost:3000', token: 't' });
export async function partner(): Promise<Privacy> {
  const { group_id } = await groups.createGroup({ name: 'Tuesday Speed', user_id: 'usr_coach1' });
  const group: Group = await groups.getGroup(group_id);
  const privacy: Privacy = group.privacy;
  // @ts-expect-error an answer always carries privacy: a Group without it is not a Group
  const incomplete: Group = { ...group, privacy: undefined };
  void incomplete;
  return privacy;
}
`;

/** tsc's diagnostics for the SDK sources compiled with types generated from `spec` ('' when clean). */
async function compileSdkWith(spec: Record<string, unknown>): Promise<string> {
  const folder = mkdtempSync(join(root, 'node_modules', '.sdk-types-'));
  try {
    cpSync(join(root, 'sdk/src'), folder, { recursive: true });
    mkdirSync(join(folder, 'generated'), { recursive: true });
    writeFileSync(join(folder, 'generated/openapi.ts'), await renderTypes(spec));
    writeFileSync(join(folder, 'partner.ts'), partnerCode);
    // The SDK's own compiler options (sdk/tsconfig.json), on these two entry points.
    writeFileSync(
      join(folder, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: [],
          strict: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: true,
          noEmit: true,
        },
        files: ['index.ts', 'partner.ts'],
      }),
    );
    try {
      await promisify(execFile)(join(root, 'node_modules/.bin/tsc'), ['-p', folder]);
      return '';
    } catch (error) {
      return (error as { stdout?: string }).stdout ?? String(error);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('SDK types against the spec', function () {
  this.timeout(120_000);

  it('compiles with the real spec: createGroup without privacy, and privacy required in a Group', async () => {
    expect(await compileSdkWith(loadSpec() as unknown as Record<string, unknown>)).to.equal('');
  });

  it("fails to compile when an operation's response changes in the spec (getGroup answering a MutationResult)", async () => {
    const spec = loadSpec() as unknown as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>
      >;
    };
    spec.paths['/api/v1/groups/{group_id}']!.get!.responses['200']!.content['application/json']!.schema = {
      $ref: '#/components/schemas/MutationResult',
    };
    const diagnostics = await compileSdkWith(spec);
    // getGroup declares Promise<Group>; what openapi-fetch now infers is a MutationResult.
    expect(diagnostics).to.match(
      /client\.ts\(\d+,\d+\): error TS2322: Type 'Promise<\{ group_id: string; status: "success"; \}>' is not assignable to type 'Promise<\{ group_id: string; name: string;/,
    );
  });
});
