// A `+` sent unencoded in a query string arrives as a space, so
// `timezone=Etc/GMT+5` reads `Etc/GMT 5`; the 400 says to encode it as %2B.
import { expect } from 'chai';
import { AppError, unauthorized, validationError } from '../../src/errors.js';
import { explainUnencodedPlus } from '../../src/http/unencoded-plus.js';
import { coachGroupWithAthlete, testApp } from '../support/world.js';

describe('an unencoded + in the time zone', () => {
  let request: ReturnType<typeof testApp>['request'];
  let coach: { Authorization: string };
  let groupId: string;

  before(async () => {
    request = testApp().request;
    ({ coach, groupId } = await coachGroupWithAthlete(request, 'Plus'));
  });

  it('answers 400 saying to encode it as %2B, and the encoded zone answers 200', async () => {
    const raw = await request.get(`/api/v1/groups/${groupId}/stats?timezone=Etc/GMT+5`).set(coach);
    expect(raw.status).to.equal(400);
    expect(raw.body).to.include({
      code: 'validation_error',
      detail:
        'The time zone "Etc/GMT 5" has a space: a "+" in a query string means a space, so send "+" encoded as %2B (timezone=Etc/GMT%2B5).',
    });
    expect(raw.body.errors).to.deep.equal([
      { path: '/query/timezone', message: 'must be an IANA time zone name; encode "+" as %2B (Etc/GMT%2B5)' },
    ]);
    const encoded = await request.get(`/api/v1/groups/${groupId}/stats?timezone=Etc/GMT%2B5`).set(coach);
    expect(encoded.status).to.equal(200);
    expect(encoded.body.timezone).to.equal('Etc/GMT+5');
  });

  it('leaves other refusals of the same request as they were', async () => {
    const anonymous = await request.get(`/api/v1/groups/${groupId}/stats?timezone=Etc/GMT+5`);
    expect(anonymous.status).to.equal(401);
    expect(anonymous.body.code).to.equal('unauthorized');
    const unknown = await request.get(`/api/v1/groups/${groupId}/stats?timezone=Mars/Base`).set(coach);
    expect(unknown.status).to.equal(400);
    expect(unknown.body.detail).to.not.include('%2B');
  });

  describe('explainUnencodedPlus', () => {
    const patternError = validationError('The request has 1 invalid field.', [
      { path: '/query/timezone', message: 'must match pattern "^[A-Za-z0-9_+/-]+$"' },
    ]);

    it('rewrites the time zone field error only, keeping the others', () => {
      const twoFields = validationError('The request has 2 invalid fields.', [
        { path: '/query/range', message: 'must be equal to one of the allowed values' },
        { path: '/query/timezone', message: 'must match pattern' },
      ]);
      const explained = explainUnencodedPlus(twoFields, { timezone: 'Etc/GMT 5' });
      expect(explained).to.be.instanceOf(AppError);
      expect(explained.status).to.equal(400);
      expect(explained.errors).to.deep.equal([
        { path: '/query/range', message: 'must be equal to one of the allowed values' },
        { path: '/query/timezone', message: 'must be an IANA time zone name; encode "+" as %2B (Etc/GMT%2B5)' },
      ]);
    });

    it('keeps the error when there is nothing to explain', () => {
      const unchanged: [AppError, Record<string, unknown>][] = [
        [patternError, { timezone: 'Etc/GMT5' }],
        [patternError, { timezone: ['Etc/GMT 5', 'UTC'] }],
        [patternError, {}],
        // a value that is no time zone name with spaces either is not echoed back
        [patternError, { timezone: 'Etc/GMT 5\u0007' }],
        [patternError, { timezone: `Etc/GMT ${'5'.repeat(60)}` }],
        [unauthorized(), { timezone: 'Etc/GMT 5' }],
        [validationError('x', [{ path: '/query/range', message: 'm' }]), { timezone: 'Etc/GMT 5' }],
        [validationError('x'), { timezone: 'Etc/GMT 5' }],
      ];
      for (const [error, query] of unchanged) expect(explainUnencodedPlus(error, query as never)).to.equal(error);
    });

    it('explains a name of exactly 64 characters and a single space', () => {
      const name = `A ${'b'.repeat(62)}`;
      expect(explainUnencodedPlus(patternError, { timezone: name }).message).to.include(
        `timezone=A%2B${'b'.repeat(62)}`,
      );
      expect(explainUnencodedPlus(patternError, { timezone: ' ' }).message).to.include('(timezone=%2B)');
    });
  });
});
