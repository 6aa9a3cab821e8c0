import { expect } from 'chai';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { MissingHandlerError } from '../../src/http/operations.js';
import { db, realHandlers, testConfig } from '../support/world.js';

describe('app wiring', () => {
  const logger = pino({ level: 'silent' });

  it('refuses to start when an operation of openapi.yaml has no handler, naming it', () => {
    const { getGroupStats: _missing, ...incomplete } = realHandlers();
    expect(() => createApp({ config: testConfig, db: db(), logger, handlers: incomplete }))
      .to.throw(MissingHandlerError)
      .with.property('message')
      .that.contains('no handler for getGroupStats (GET /api/v1/groups/{group_id}/stats)');
  });

  it('refuses a handler that matches no operation', () => {
    expect(() =>
      createApp({
        config: testConfig,
        db: db(),
        logger,
        handlers: { ...realHandlers(), listTeams: async () => ({}) } as never,
      }),
    )
      .to.throw(MissingHandlerError)
      .with.property('message')
      .that.contains('handler listTeams matches no operation in openapi.yaml');
  });

  it('refuses to build without a cursor secret', () => {
    expect(() => createApp({ config: { ...testConfig, pageTokenSecret: undefined }, db: db(), logger })).to.throw(
      'pageTokenSecret',
    );
  });
});
