// The readiness health as a pure unit (src/http/database-health.ts): its age limit, one check at
// a time, and failures kept as long as successes.
import { expect } from 'chai';
import { databaseHealth } from '../../../src/http/database-health.js';

describe('database health for /readyz', () => {
  it('checks again only once the last result is maxAgeMs old', async () => {
    let checks = 0;
    let time = 0;
    const health = databaseHealth(
      async () => {
        checks++;
      },
      1000,
      () => time,
    );
    expect(await health()).to.deep.equal({ error: undefined, measured: true });
    time = 999;
    expect(await health()).to.deep.equal({ error: undefined, measured: false });
    expect(checks).to.equal(1);
    time = 1000;
    expect(await health()).to.deep.equal({ error: undefined, measured: true });
    expect(checks).to.equal(2);
  });

  it('runs one check for callers that arrive while it runs, and reports its failure to each', async () => {
    let checks = 0;
    let fail: (error: Error) => void = () => {};
    const health = databaseHealth(
      () => {
        checks++;
        return new Promise<void>((_resolve, reject) => (fail = reject));
      },
      1000,
      () => 0,
    );
    const waiting = [health(), health(), health()];
    const down = new Error('down');
    fail(down);
    const results = await Promise.all(waiting);
    expect(checks).to.equal(1);
    expect(results.map((result) => result.error)).to.deep.equal([down, down, down]);
    expect(results.map((result) => result.measured)).to.deep.equal([true, false, false]);
    expect(await health()).to.deep.equal({ error: down, measured: false });
    expect(checks).to.equal(1);
  });

  it('measures on the wall of performance.now() when no clock is given', async () => {
    let checks = 0;
    const health = databaseHealth(async () => {
      checks++;
    }, 0);
    await health();
    await new Promise((resolve) => setTimeout(resolve, 2));
    await health();
    expect(checks).to.equal(2);
  });
});
