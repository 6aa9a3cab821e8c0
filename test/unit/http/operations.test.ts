// registerOperations against small specs of its own: which header parameters a handler
// receives (`$ref`s into components resolved, nothing else taken for a header), and the
// specs it refuses (an operation without a handler, a handler without an operation, an
// operation that requires no bearer token).
import express from 'express';
import { expect } from 'chai';
import supertest from 'supertest';
import {
  Answer,
  defaulted,
  MissingHandlerError,
  registerOperations,
  SerializedBody,
  type OperationInput,
} from '../../../src/http/operations.js';
import type { OpenApiDocument } from '../../../src/spec.js';

const bearerSecurity = [{ bearerAuth: [] }];
const unvalidated = { validatesResponses: false };

function specWith(operation: Record<string, unknown>, security: unknown[] | null = bearerSecurity) {
  return {
    openapi: '3.1.0',
    info: { title: 'test', version: '1' },
    ...(security ? { security } : {}),
    paths: { '/things/{group_id}': { put: { operationId: 'updateGroup', ...operation } } },
    components: {
      parameters: {
        IfMatch: { name: 'If-Match', in: 'header' },
        Foreign: { name: 'X-Foreign', in: 'header' },
        PageSize: { name: 'page_size', in: 'query' },
      },
    },
  } as unknown as OpenApiDocument;
}

const refusal = (spec: OpenApiDocument, handlers: Record<string, unknown>) => {
  try {
    registerOperations(express(), spec, handlers, unvalidated);
  } catch (error) {
    expect(error).to.be.instanceOf(MissingHandlerError);
    expect((error as Error).name).to.equal('MissingHandlerError');
    return (error as Error).message;
  }
  expect.fail('registerOperations accepted the spec');
};

describe('registerOperations', () => {
  it("hands a handler the header parameters the operation declares, by the spec's names, `$ref`s resolved", async () => {
    const inputs: OperationInput<'updateGroup'>[] = [];
    const app = express();
    const spec = specWith({
      parameters: [
        { name: 'group_id', in: 'path' },
        { name: 'member', in: 'query' },
        { $ref: '#/components/parameters/PageSize' },
        { $ref: '#/components/parameters/IfMatch' },
        // Only references into this document's components resolve.
        { $ref: 'other.yaml#/components/parameters/Foreign' },
        { $ref: '#/components/parameters/Undefined' },
      ],
    });
    registerOperations(
      app,
      spec,
      {
        updateGroup: async (input) => {
          inputs.push(input);
          return new Answer({ ok: true } as never, { ETag: '"v2"' });
        },
      },
      unvalidated,
    );
    const response = await supertest(app)
      .put('/things/grp_1?member=me&page_size=3')
      .set('If-Match', '"v1"')
      .set('X-Foreign', 'foreign')
      .set('group_id', 'header')
      .set('member', 'header')
      .set('page_size', '9')
      .send();
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({ ok: true });
    expect(response.headers.etag).to.equal('"v2"');
    expect(inputs).to.have.length(1);
    expect(inputs[0]!.headers).to.deep.equal({ 'If-Match': '"v1"' });
    expect(inputs[0]!.path).to.deep.equal({ group_id: 'grp_1' });

    await supertest(app).put('/things/grp_2').send();
    expect(inputs[1]!.headers, 'an absent header is no key').to.deep.equal({});
  });

  for (const validatesResponses of [false, true])
    it(`sends a serialized body as it is written, as JSON${validatesResponses ? ', through res.json when responses are validated' : ''}`, async () => {
      const app = express();
      const sentThroughJson: unknown[] = [];
      app.use((_req, res, next) => {
        // Where the response validator hooks in.
        const json = res.json.bind(res);
        res.json = (body: unknown) => {
          sentThroughJson.push(body);
          return json(body);
        };
        next();
      });
      const text = '{"group_id":"grp_1","status":"success","name":"Läufer","n":1.5}';
      registerOperations(
        app,
        specWith({}),
        { updateGroup: async () => new SerializedBody(Buffer.from(text)) as never },
        { validatesResponses },
      );
      const response = await supertest(app).put('/things/grp_1').send();
      expect(response.status).to.equal(200);
      expect(response.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(response.text).to.equal(text);
      expect(sentThroughJson).to.deep.equal(validatesResponses ? [JSON.parse(text)] : []);
    });

  it('refuses a spec operation without a handler and a handler without an operation, naming each', () => {
    expect(refusal(specWith({}), { getGroup: async () => ({}) })).to.equal(
      'The handlers do not match openapi.yaml:\n' +
        '  - no handler for updateGroup (PUT /things/{group_id})\n' +
        '  - handler getGroup matches no operation in openapi.yaml',
    );
  });

  it('refuses an operation that requires no bearer token, by the spec or on its own', () => {
    const handlers = { updateGroup: async () => ({ group_id: 'grp_1', status: 'success' as const }) };
    const unsecured =
      'The handlers do not match openapi.yaml:\n  - updateGroup is not secured; every operation must require a bearer token';
    expect(refusal(specWith({}, null), handlers)).to.equal(unsecured);
    expect(refusal(specWith({}, []), handlers)).to.equal(unsecured);
    expect(refusal(specWith({ security: [] }), handlers)).to.equal(unsecured);
    expect(() =>
      registerOperations(express(), specWith({ security: bearerSecurity }, null), handlers, unvalidated),
    ).not.to.throw();
  });
});

describe('defaulted', () => {
  it('passes a value through, falsy ones too, and throws for a parameter the validator left out', () => {
    expect(defaulted(0)).to.equal(0);
    expect(defaulted(false)).to.equal(false);
    expect(() => defaulted(undefined)).to.throw('The request validator did not apply a parameter default.');
  });
});
