// The SDK's types as the compiler sees them: request properties with a default are optional
// (a partner may leave `privacy` out), responses keep every property required, and each
// method's result is the body openapi-fetch infers from the spec's response, checked against
// the type the method declares: a spec whose response changes breaks the SDK's build instead
// of being cast over. Each case compiles the SDK's sources with generated types from a spec
// (the real one, or one changed in memory) under --strict; a third checks the spec for what
// keeps answers' properties required (codegen makes any property with a default optional).
//
// The second case changes the success answer of every operation at once, each to a shape of
// its own, and expects one error naming that shape for each call of the operation in the SDK's
// sources (each raw.GET, raw.POST, ... in groups.ts, reads.ts, events.ts, webhook-endpoints.ts:
// where an answer enters the SDK). The shape
// (an object with one optional property of its own and any others) is one that every declared
// type can be cast to but none can be assigned from, like an answer that lost a field: a method
// that casts its result (`data as T`, `as Promise<Group>`, `as unknown as Group`) compiles
// against it, so the shape never shows up in an error and the case fails.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { renderTypes } from '../../codegen/render.js';
import { loadSpec } from '../../src/spec.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The SDK's own sources (not the generated types), where its methods call openapi-fetch.
const sdkSources = readdirSync(join(root, 'sdk/src')).filter((file) => file.endsWith('.ts'));

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
// The audit log's union still narrows on action, with the null-typed fields present.
export async function audit(groupId: string): Promise<string[]> {
  const subjects: string[] = [];
  for await (const event of groups.iterateGroupAuditEvents(groupId)) {
    if (event.action === 'member.added') {
      const changes: null = event.changes;
      void changes;
      subjects.push(event.subject_user_id);
    } else if (event.action === 'group.updated') {
      const subject: null = event.subject_user_id;
      void subject;
    }
  }
  return subjects;
}
`;

interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}

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

/**
 * Properties with a default that an answer may leave out: `where` of each. Codegen makes a
 * property with a default optional (so requests may omit it), so an answer's type keeps it
 * required only if its schema lists it under `required`.
 */
function optionalDefaultsInAnswers(spec: { paths: object }) {
  const found: string[] = [];
  const seen = new Set<string>();
  const resolve = (ref: string): unknown =>
    ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], spec);
  const visit = (node: unknown, where: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const schema = node as { $ref?: string; properties?: Record<string, { default?: unknown }>; required?: string[] };
    if (schema.$ref?.startsWith('#/') && !seen.has(schema.$ref)) {
      seen.add(schema.$ref);
      visit(resolve(schema.$ref), schema.$ref.split('/').at(-1)!);
    }
    for (const [name, property] of Object.entries(schema.properties ?? {}))
      if (property && 'default' in property && !schema.required?.includes(name)) found.push(`${where}.${name}`);
    for (const [key, value] of Object.entries(node)) visit(value, key === 'properties' ? where : `${where}/${key}`);
  };
  for (const [path, pathItem] of Object.entries(spec.paths))
    for (const [method, operation] of Object.entries(pathItem as Record<string, { responses?: object }>))
      visit(operation?.responses, `${method.toUpperCase()} ${path}`);
  return found;
}

describe('SDK types against the spec', function () {
  this.timeout(120_000);

  it('compiles with the real spec: createGroup without privacy, privacy required in a Group, audit events narrow', async () => {
    expect(await compileSdkWith(loadSpec() as unknown as Record<string, unknown>)).to.equal('');
  });

  it('finds every property with a default required in the answers, where codegen keeps it required', () => {
    const spec = loadSpec() as unknown as Parameters<typeof optionalDefaultsInAnswers>[0] & {
      components: { schemas: Record<string, { properties: Record<string, object> }> };
    };
    expect(optionalDefaultsInAnswers(spec)).to.deep.equal([]);
    // The check itself: a Group property with a default that answers may leave out is found.
    spec.components.schemas['Group']!.properties['time_zone'] = { type: 'string', default: 'UTC' };
    expect(optionalDefaultsInAnswers(spec)).to.deep.equal(['Group.time_zone']);
  });

  it('fails to compile at every call of an operation in the SDK when its success answers change in the spec', async () => {
    const spec = loadSpec() as unknown as { paths: Record<string, Record<string, Operation>> };
    const shapeOf = (path: string, method: string) =>
      `changed_answer_of_${spec.paths[path]?.[method.toLowerCase()]?.operationId}`;
    for (const [path, pathItem] of Object.entries(spec.paths))
      for (const [method, operation] of Object.entries(pathItem)) {
        if (typeof operation !== 'object' || !operation.responses) continue;
        for (const [status, response] of Object.entries(operation.responses))
          if (status.startsWith('2') && response.content?.['application/json'])
            response.content['application/json'].schema = {
              type: 'object',
              properties: { [shapeOf(path, method)]: { type: 'string' } },
              additionalProperties: true,
            };
      }
    const calls = sdkSources
      .flatMap((file) => [
        ...readFileSync(join(root, 'sdk/src', file), 'utf8').matchAll(
          /raw\.(GET|POST|PUT|PATCH|DELETE)\(\s*'([^']+)'/g,
        ),
      ])
      .map(([, method, path]) => shapeOf(path!, method!));
    expect(calls).to.have.length.of.at.least(8).and.include('changed_answer_of_listGroupAuditEvents');

    // tsc starts each diagnostic at column 0 and indents its explanation.
    const errorsInSdk = (await compileSdkWith(spec))
      .split(/\n(?=\S)/)
      .filter((diagnostic) =>
        sdkSources.includes(/^(?:\S*\/)?([\w-]+\.ts)\(\d+,\d+\): error TS\d+/.exec(diagnostic)?.[1] ?? ''),
      );
    const shapesInErrors = errorsInSdk.map(
      (diagnostic) => /changed_answer_of_\w+/.exec(diagnostic)?.[0] ?? diagnostic.split('\n')[0],
    );
    expect(shapesInErrors.sort(), 'one error in the SDK per call, naming the answer it was handed').to.deep.equal(
      calls.sort(),
    );
  });
});
