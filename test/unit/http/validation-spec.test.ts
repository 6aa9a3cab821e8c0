// The copy of openapi.yaml the request validator reads (src/http/validation-spec.ts): prose out,
// names that look like prose kept, and without response validation nothing a request cannot reach.
import { expect } from 'chai';
import { validationSpec } from '../../../src/http/validation-spec.js';
import { loadSpec, type OpenApiDocument } from '../../../src/spec.js';

const spec = loadSpec();
const keysIn = (node: unknown): string[] =>
  Array.isArray(node)
    ? node.flatMap(keysIn)
    : node !== null && typeof node === 'object'
      ? Object.entries(node).flatMap(([key, value]) => [key, ...keysIn(value)])
      : [];

describe('the validation spec', () => {
  // As JSON, the form the validator reads; made in each test, so that each test runs the code it checks.
  const asJson = (document: OpenApiDocument): ReturnType<typeof JSON.parse> => JSON.parse(JSON.stringify(document));
  let full: ReturnType<typeof asJson>;
  let requestsOnly: ReturnType<typeof asJson>;
  beforeEach(() => {
    full = asJson(validationSpec(spec, { responses: true }));
    requestsOnly = asJson(validationSpec(spec, { responses: false }));
  });

  it('leaves out descriptions, summaries, examples and x- extensions, and keeps properties so named', () => {
    const group = full.components.schemas.Group;
    expect(group).to.not.have.property('description');
    expect(group.properties).to.have.property('description');
    const pathKeys = keysIn(full.paths);
    for (const prose of ['summary', 'description', 'x-codeSamples', 'examples', 'example'])
      expect(pathKeys, prose).to.not.include(prose);
    expect(JSON.stringify(full).length).to.be.below(JSON.stringify(spec).length / 2);
  });

  it("keeps what a request is checked against: each operation's parameters and body schema, as the spec has them", () => {
    const original = JSON.parse(JSON.stringify(spec));
    const schemaOf = (document: typeof original, name: string) => {
      const {
        description: _description,
        example: _example,
        examples: _examples,
        ...schema
      } = document.components.schemas[name];
      return schema;
    };
    for (const document of [full, requestsOnly]) {
      const create = document.paths['/api/v1/groups'].post;
      expect(create.requestBody.content['application/json'].schema).to.deep.equal({
        $ref: '#/components/schemas/CreateGroupRequest',
      });
      expect(Object.keys(schemaOf(document, 'CreateGroupRequest').properties)).to.deep.equal(
        Object.keys(original.components.schemas.CreateGroupRequest.properties),
      );
      expect(schemaOf(document, 'CreateGroupRequest').required).to.deep.equal(
        original.components.schemas.CreateGroupRequest.required,
      );
      const names = (parameters: { name?: string; $ref?: string }[]) => parameters.map((p) => p.name ?? p.$ref);
      for (const [path, item] of Object.entries<Record<string, { parameters?: [] }>>(original.paths))
        for (const [method, operation] of Object.entries(item))
          if (operation.parameters)
            expect(names(document.paths[path][method].parameters), `${method} ${path}`).to.deep.equal(
              names(operation.parameters),
            );
    }
    expect(Object.keys(full.paths['/api/v1/groups'].post.responses)).to.include('200');
  });

  it('without response validation, empties responses and keeps only the components requests reach', () => {
    expect(requestsOnly.paths['/api/v1/groups'].get.responses).to.deep.equal({});
    expect(requestsOnly).to.not.have.property('webhooks');
    const schemas = Object.keys(requestsOnly.components.schemas);
    expect(schemas).to.include('CreateGroupRequest');
    expect(schemas).to.not.include('AuditEventList');
    for (const ref of JSON.stringify(requestsOnly).match(/#\/components\/[A-Za-z]+\/[A-Za-z0-9_.-]+/g) ?? []) {
      const [, , section, name] = ref.split('/');
      expect(requestsOnly.components[section!], ref).to.have.property(name!);
    }
  });

  it('does not change the document it is given', () => {
    const before = JSON.stringify(spec);
    validationSpec(spec, { responses: false });
    expect(JSON.stringify(spec)).to.equal(before);
  });
});
