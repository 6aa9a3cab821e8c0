import { expect } from 'chai';
import { AppError, invalidInput } from '../../../src/errors.js';
import { fieldPointers } from '../../../src/http/field-pointers.js';
import { loadSpec, operationMatcher } from '../../../src/spec.js';

// The domain names the inputs it refuses; the HTTP layer places them where the operation
// declares them in openapi.yaml.
describe('field pointers of the domain’s refusals', () => {
  const spec = loadSpec();
  const place = fieldPointers(spec, operationMatcher(spec));

  it('places a declared query parameter under /query and a body property under /body', () => {
    const stats = place(
      'GET',
      '/api/v1/groups/grp_abc123/stats',
      invalidInput('range=custom needs from_ts and to_ts.', [
        { field: 'from_ts', message: 'is required with range=custom' },
        { field: 'timezone', message: 'must be an IANA time zone name' },
      ]),
    );
    expect(stats).to.include({
      status: 400,
      code: 'validation_error',
      message: 'range=custom needs from_ts and to_ts.',
    });
    expect(stats.errors).to.deep.equal([
      { path: '/query/from_ts', message: 'is required with range=custom' },
      { path: '/query/timezone', message: 'must be an IANA time zone name' },
    ]);
    const create = place('POST', '/api/v1/groups', invalidInput('x', [{ field: 'members', message: 'm' }]));
    expect(create.errors).to.deep.equal([{ path: '/body/members', message: 'm' }]);
    const page = place('HEAD', '/api/v1/groups', invalidInput('x', [{ field: 'page_token', message: 'p' }]));
    expect(page.errors).to.deep.equal([{ path: '/query/page_token', message: 'p' }]);
  });

  it('leaves an error that carries pointers already, or none, as it is', () => {
    const withPointers = new AppError(400, 'validation_error', 'Validation error', 'd', [
      { path: '/body', message: 'm' },
    ]);
    expect(place('POST', '/api/v1/groups', withPointers)).to.equal(withPointers);
    const notFound = new AppError(404, 'not_found', 'Not found', 'No such resource.');
    expect(place('GET', '/nowhere', notFound)).to.equal(notFound);
  });
});
