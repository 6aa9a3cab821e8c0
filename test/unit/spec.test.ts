import { expect } from 'chai';
import { loadSpec, operationMatcher } from '../../src/spec.js';

// The one path → operation mapping (src/spec.ts), with the app's routing settings.
describe('operationMatcher', () => {
  const matchOperation = operationMatcher(loadSpec());

  it('maps each route of the spec to its operationId and path parameters', () => {
    expect(matchOperation('GET', '/api/v1/groups')).to.deep.equal({ operationId: 'listGroups', params: {} });
    expect(matchOperation('POST', '/api/v1/groups')).to.deep.equal({ operationId: 'createGroup', params: {} });
    expect(matchOperation('PUT', '/api/v1/groups/grp_abc123')).to.deep.equal({
      operationId: 'updateGroup',
      params: { group_id: 'grp_abc123' },
    });
    expect(matchOperation('GET', '/api/v1/groups/grp_abc123/stats')?.operationId).to.equal('getGroupStats');
    expect(matchOperation('GET', '/api/v1/groups/grp_abc123/audit')?.operationId).to.equal('listGroupAuditEvents');
  });

  it('matches as the router does: case-sensitive, no trailing slash, one segment per parameter, the method too', () => {
    for (const [method, path] of <[string, string][]>[
      ['GET', '/api/v1/GROUPS'],
      ['GET', '/api/v1/groups/'],
      ['GET', '/api/v1/groups/a/b'],
      ['PATCH', '/api/v1/groups/grp_abc123'],
      ['GET', '/api/v1/groups/grp_abc123/stats/'],
    ])
      expect(matchOperation(method, path), `${method} ${path}`).to.equal(undefined);
  });

  it('leaves parameters as sent, without decoding (and without throwing on a malformed escape)', () => {
    expect(matchOperation('GET', '/api/v1/groups/grp%E0')).to.deep.equal({
      operationId: 'getGroup',
      params: { group_id: 'grp%E0' },
    });
  });
});
