import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { checkContract, readContract, type OpenApiContract } from '../../contract/gate.js';

interface Schema {
  type?: string;
  required?: string[];
  properties?: Record<string, unknown>;
  enum?: string[];
  maximum?: number;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: Schema;
}
interface Spec extends OpenApiContract {
  paths: Record<string, Record<string, { parameters?: Parameter[]; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter> };
}

const released = readContract(new URL('../../contract/released/openapi.yaml', import.meta.url)) as Spec;

function edited(edit: (spec: Spec) => void): Spec {
  const spec = structuredClone(released);
  edit(spec);
  return spec;
}

const breakingEdits: Record<string, (spec: Spec) => void> = {
  'an operation removed': (spec) => delete spec.paths['/api/v1/groups/{group_id}/audit'],
  'a response field removed': (spec) => {
    const group = spec.components.schemas.Group!;
    delete group.properties!.description;
    group.required = group.required!.filter((name) => name !== 'description');
  },
  'a parameter renamed': (spec) => (spec.components.parameters.PageSize!.name = 'pageSize'),
  'a request enum value removed': (spec) => (spec.components.schemas.Privacy!.enum = ['public']),
  'a request field newly required': (spec) => spec.components.schemas.CreateGroupRequest!.required!.push('description'),
  'a new required query parameter': (spec) =>
    spec.paths['/api/v1/groups']!.get!.parameters!.push({ name: 'team', in: 'query', required: true, schema: {} }),
  'a bound narrowed': (spec) => (spec.components.parameters.PageSize!.schema.maximum = 50),
  'a parameter type changed': (spec) => (spec.components.parameters.PageSize!.schema.type = 'string'),
  'a status code changed': (spec) => {
    const responses = spec.paths['/api/v1/groups']!.post!.responses;
    responses['201'] = responses['200'];
    delete responses['200'];
  },
};

describe('breaking-change gate (contract/gate.ts)', () => {
  it('passes openapi.yaml against the released contract', () => {
    const run = spawnSync('npx', ['tsx', 'contract/gate.ts'], { encoding: 'utf8' });
    expect(run.stdout).to.match(/^contract: \d+ changes since/m);
    expect(run.status, run.stdout).to.equal(0);
  });

  for (const [name, edit] of Object.entries(breakingEdits)) {
    it(`fails on ${name}`, () => {
      const verdict = checkContract(released, edited(edit));
      expect(verdict.breaking, JSON.stringify(verdict.changes)).to.have.length.above(0);
      expect(verdict.passes).to.equal(false);
    });
  }

  it('passes additive changes: a new operation, an optional query parameter, a new response field', () => {
    const verdict = checkContract(
      released,
      edited((spec) => {
        spec.paths['/api/v1/things'] = { get: { responses: { '200': { description: 'Things.' } } } };
        spec.paths['/api/v1/groups']!.get!.parameters!.push({
          name: 'member',
          in: 'query',
          schema: { type: 'string' },
        });
        spec.components.schemas.Group!.properties!.colour = { type: 'string' };
      }),
    );
    expect(verdict.changes.map((change) => change.type)).to.include('non-breaking');
    expect(verdict.breaking).to.deep.equal([]);
    expect(verdict.passes).to.equal(true);
  });

  it('lets a listed breaking change through, and only that one', () => {
    const removed = edited(breakingEdits['an operation removed']!);
    const [change] = checkContract(released, removed).breaking;
    const accepted = [{ where: change!.where, reason: 'Deliberate.' }];
    expect(checkContract(released, removed, accepted).passes).to.equal(true);
    const alsoRenamed = edited((spec) => {
      breakingEdits['an operation removed']!(spec);
      breakingEdits['a parameter renamed']!(spec);
    });
    expect(checkContract(released, alsoRenamed, accepted).passes).to.equal(false);
    const underPaths = [{ where: 'paths//api/v1/groups/{group_id}/audit/**', reason: 'Deliberate.' }];
    expect(checkContract(released, removed, underPaths).passes).to.equal(true);
    expect(checkContract(released, alsoRenamed, underPaths).passes).to.equal(false);
  });

  it('lets a breaking change through only with a new major version', () => {
    const breaking = edited(breakingEdits['an operation removed']!);
    expect(checkContract(released, { ...breaking, info: { ...breaking.info, version: '1.9.0' } }).passes).to.equal(
      false,
    );
    expect(checkContract(released, { ...breaking, info: { ...breaking.info, version: '2.0.0' } }).passes).to.equal(
      true,
    );
  });
});
