// The chaos run's fault schedule (deploy/chaos/schedule.ts) and its random streams
// (deploy/chaos/seeded-random.ts): a seed and a configuration decide the schedule, so that
// `CHAOS_SEED=<n> npm run cluster:test` runs a failed run's faults again.
import { expect } from 'chai';
import { describeSchedule, planSchedule, type ScheduleConfig } from '../../../deploy/chaos/schedule.js';
import { chaosSeed, seededRandom } from '../../../deploy/chaos/seeded-random.js';

const config: ScheduleConfig = {
  phaseMs: 12_000,
  writerKills: 3,
  shortPhaseMs: 4_000,
  jitter: 0.25,
  writer: 'db1',
  apis: ['api1', 'api2', 'api3'],
  dispatchers: ['dispatch1', 'dispatch2'],
};
const seeds = Array.from({ length: 200 }, (_, index) => index * 7919 + 1);
const shape = (seed: number, configured = config) =>
  planSchedule(seed, configured).steps.map((step) => `${step.action} ${step.target.tier}`);

describe('chaos fault schedule', () => {
  it('is the same for the same seed and configuration, printed the same', () => {
    for (const seed of [0, 1, 42, 2 ** 32 - 1]) {
      expect(planSchedule(seed, config)).to.deep.equal(planSchedule(seed, { ...config }));
      expect(describeSchedule(planSchedule(seed, config))).to.deep.equal(describeSchedule(planSchedule(seed, config)));
    }
  });

  it('keeps what a seed means: seed 42 is this schedule', () => {
    const writer = { tier: 'writer', node: 'db1' };
    const api = { tier: 'api', api: 'api1', dispatcher: 'dispatch1' };
    expect(planSchedule(42, config)).to.deep.equal({
      seed: 42,
      steps: [
        { afterMs: 9_668, action: 'kill', target: writer },
        { afterMs: 13_580, action: 'kill', target: api },
        { afterMs: 10_900, action: 'restart', target: writer },
        { afterMs: 11_112, action: 'restart', target: api },
        { afterMs: 12_751, action: 'kill', target: writer },
        { afterMs: 4_531, action: 'restart', target: writer },
        { afterMs: 4_061, action: 'kill', target: writer },
        { afterMs: 3_823, action: 'restart', target: writer },
      ],
      tailMs: 3_009,
    });
  });

  it('differs from one seed to the next', () => {
    const distinct = new Set(seeds.map((seed) => JSON.stringify(planSchedule(seed, config).steps)));
    expect(distinct.size).to.equal(seeds.length);
    expect(planSchedule(1, config)).to.not.deep.equal(planSchedule(2, config));
  });

  it('kills the writer, then an API process with a dispatcher, restarts both, then kills the writer again', () => {
    for (const writerKills of [1, 2, 3, 5]) {
      const repeated = Array.from({ length: writerKills - 1 }, () => ['kill writer', 'restart writer']).flat();
      expect(shape(7, { ...config, writerKills })).to.deep.equal([
        'kill writer',
        'kill api',
        'restart writer',
        'restart api',
        ...repeated,
      ]);
    }
  });

  it('gives each stretch of load its configured length when there is no jitter', () => {
    const phase = config.phaseMs;
    const short = config.shortPhaseMs;
    const exact = planSchedule(5, { ...config, jitter: 0 });
    expect(exact.steps.map((step) => step.afterMs)).to.deep.equal([
      phase,
      phase,
      phase,
      phase,
      phase,
      short,
      short,
      short,
    ]);
    expect(exact.tailMs).to.equal(short);
    const once = planSchedule(5, { ...config, jitter: 0, writerKills: 1 });
    expect(once.steps.map((step) => step.afterMs)).to.deep.equal([phase, phase, phase, phase]);
    expect(once.tailMs).to.equal(phase);
  });

  it('keeps every stretch of load within its jitter, and uses the whole range over many seeds', () => {
    const nominal = planSchedule(0, { ...config, jitter: 0 });
    const factors: number[] = [];
    for (const seed of seeds) {
      const schedule = planSchedule(seed, config);
      schedule.steps.forEach((step, index) => factors.push(step.afterMs / nominal.steps[index]!.afterMs));
      factors.push(schedule.tailMs / nominal.tailMs);
    }
    for (const factor of factors) expect(factor).to.be.within(0.75, 1.25);
    expect(Math.min(...factors)).to.be.below(0.77);
    expect(Math.max(...factors)).to.be.above(1.23);
  });

  it('restarts what it killed, and kills only the configured processes, each of them under some seed', () => {
    const apisKilled = new Set<string>();
    const dispatchersKilled = new Set<string>();
    for (const seed of seeds) {
      const { steps } = planSchedule(seed, config);
      const apiSteps = steps.filter((step) => step.target.tier === 'api');
      expect(apiSteps.map((step) => step.action)).to.deep.equal(['kill', 'restart']);
      expect(apiSteps[1]!.target).to.deep.equal(apiSteps[0]!.target);
      const target = apiSteps[0]!.target;
      if (target.tier !== 'api') throw new Error('not an API step');
      apisKilled.add(target.api);
      dispatchersKilled.add(target.dispatcher);
      const writerSteps = steps.filter((step) => step.target.tier === 'writer');
      expect(writerSteps.filter((step) => step.action === 'kill')).to.have.length(config.writerKills);
      expect(writerSteps.filter((step) => step.action === 'restart')).to.have.length(config.writerKills);
      for (const step of writerSteps) expect(step.target).to.deep.equal({ tier: 'writer', node: 'db1' });
    }
    expect([...apisKilled].sort()).to.deep.equal(config.apis);
    expect([...dispatchersKilled].sort()).to.deep.equal(config.dispatchers);
  });

  it('refuses a configuration it cannot honour', () => {
    expect(() => planSchedule(1, { ...config, writerKills: 0 })).to.throw(/writerKills/);
    expect(() => planSchedule(1, { ...config, writerKills: 1.5 })).to.throw(/writerKills/);
    expect(() => planSchedule(1, { ...config, jitter: 1 })).to.throw(/jitter/);
    expect(() => planSchedule(1, { ...config, apis: [] })).to.throw(/pick from nothing/);
  });
});

describe('chaos random streams', () => {
  const draws = (seed: number, stream: number, count = 1000) => {
    const random = seededRandom(seed, stream);
    return Array.from({ length: count }, () => random.next());
  };

  it('repeats a stream for the same seed, and differs across seeds and streams', () => {
    expect(draws(9, 0)).to.deep.equal(draws(9, 0));
    expect(draws(9, 0)).to.not.deep.equal(draws(10, 0));
    expect(draws(9, 0)).to.not.deep.equal(draws(9, 1));
  });

  it('draws evenly from [0, 1)', () => {
    const values = draws(3, 1001, 20_000);
    expect(Math.min(...values)).to.be.at.least(0);
    expect(Math.max(...values)).to.be.below(1);
    const tenths = Array.from({ length: 10 }, (_, tenth) => values.filter((value) => Math.floor(value * 10) === tenth));
    for (const share of tenths) expect(share.length).to.be.within(1800, 2200);
  });

  it('takes CHAOS_SEED as a whole number from 0 to 2^32 - 1, and draws one when it is unset', () => {
    expect(chaosSeed('42')).to.equal(42);
    expect(chaosSeed('0')).to.equal(0);
    expect(chaosSeed('4294967295')).to.equal(4294967295);
    for (const wrong of ['abc', '-1', '1.5', '1e3', '4294967296', '0x10'])
      expect(() => chaosSeed(wrong), wrong).to.throw(/CHAOS_SEED must be a whole number/);
    for (const unset of [undefined, '']) {
      const drawn = chaosSeed(unset);
      expect(Number.isInteger(drawn)).to.equal(true);
      expect(drawn).to.be.within(0, 2 ** 32 - 1);
    }
  });
});
