// The stats answer written as bytes (src/http/handlers/stats-json.ts) must be exactly what
// JSON.stringify writes for the same answer: numbers digit for digit, keys escaped, every
// member-day where it belongs, and room in the buffer for the longest numbers there are.
import { expect } from 'chai';
import { roundTo, type GroupStats } from '../../../src/domain/group-stats.js';
import { statsJson, writeRoundedNumber } from '../../../src/http/handlers/stats-json.js';

function written(value: number, decimals: 1 | 2): string {
  const buffer = Buffer.alloc(40, 0x20);
  const end = writeRoundedNumber(buffer, 3, value, decimals);
  expect(buffer.subarray(0, 3).toString(), 'nothing before the offset').to.equal('   ');
  expect(buffer.subarray(end).toString().trim(), 'nothing past the returned offset').to.equal('');
  return buffer.toString('utf8', 3, end);
}

describe('writeRoundedNumber', () => {
  const edges = [
    0,
    -0,
    0.05,
    0.5,
    0.01,
    0.1,
    1,
    9.95,
    10,
    10.5,
    10.05,
    12.34,
    100,
    100.1,
    1.005,
    99.995,
    0.1 + 0.2,
    -0.004,
    -0.05,
    -12.34,
    -100,
    123456789012.34,
    9999999999999.99,
    1e14,
    1e15,
    1.5e15,
    1e21,
    -1e300,
    5e-324,
    Number.MAX_VALUE,
  ];
  for (const decimals of [1, 2] as const)
    it(`writes what JSON.stringify writes, rounded to ${decimals} decimal${decimals === 1 ? '' : 's'}`, () => {
      // 20,000 values spread over 18 orders of magnitude, the same on every run.
      const values = [...edges];
      for (let i = 0; i < 20_000; i += 1)
        values.push((((i * 7919 + decimals) % 100_003) / 100_003 - 0.2) * 10 ** ((i % 18) - 3));
      for (const value of values) {
        const rounded = roundTo(value, decimals);
        expect(written(rounded, decimals), String(value)).to.equal(JSON.stringify(rounded));
      }
    });

  it('writes null for a value that is not finite, as JSON.stringify does', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(written(value, 2)).to.equal('null');
  });
});

function stats(memberDays: GroupStats['memberDays'], memberNames: [string, string][]): GroupStats {
  return {
    totalDistanceMeters: 23_457,
    totalActivities: 3,
    engagementRate: 67,
    memberDays,
    memberNames: new Map(memberNames),
    range: 'custom',
    timezone: 'Asia/Kathmandu',
    from: '2025-04-01',
    to: '2025-04-03',
  };
}

describe('statsJson', () => {
  it('writes the answer JSON.stringify would, member-days on their dates, members in order', () => {
    // Two members over three days, cell = member × 3 + day; the second has an escaped id.
    const answer = stats(
      {
        dates: ['2025-04-01', '2025-04-02', '2025-04-03'],
        memberIds: ['usr_a', 'usr_"b\u00fc'],
        activities: new Uint32Array([1, 0, 2, 0, 0, 1]),
        distanceMeters: new Float64Array([12_345, 0, 5005, 0, 0, 6107]),
        durationSeconds: new Float64Array([3000, 0, 4500, 0, 0, 90]),
        vdotLoad: new Float64Array([30.04, 0, 15.05, 0, 0, 0]),
        nexrexEtePlus: new Float64Array([40.06, 0, 0, 0, 0, 1.25]),
      },
      [
        ['usr_a', 'Alex'],
        ['usr_"b\u00fc', 'Blake "B"'],
        ['usr_c', 'Casey'],
      ],
    );
    const expected = {
      summary: { total_distance: 23_457, total_activities: 3, engagement_rate: 67 },
      history: [
        {
          date: '2025-04-01',
          formattedDate: '2025-04-01',
          usr_a: { distance: 12.35, duration: 50, vdot_load: 30, nexrex_ete_plus: 40.1 },
        },
        { date: '2025-04-02', formattedDate: '2025-04-02' },
        {
          date: '2025-04-03',
          formattedDate: '2025-04-03',
          usr_a: { distance: 5.01, duration: 75, vdot_load: 15.1, nexrex_ete_plus: 0 },
          'usr_"b\u00fc': { distance: 6.11, duration: 1.5, vdot_load: 0, nexrex_ete_plus: 1.3 },
        },
      ],
      member_names: { usr_a: 'Alex', 'usr_"b\u00fc': 'Blake "B"', usr_c: 'Casey' },
      range: 'custom',
      timezone: 'Asia/Kathmandu',
      from: '2025-04-01',
      to: '2025-04-03',
    };
    expect(statsJson(answer).json.toString('utf8')).to.equal(JSON.stringify(expected));
  });

  it('has room for the longest numbers in every member-day', () => {
    const cells = 4 * 2;
    const longest = -2.2250738585072014e-308;
    const answer = stats(
      {
        dates: ['2025-04-01', '2025-04-02', '2025-04-03', '2025-04-04'],
        memberIds: ['usr_a', 'usr_b'],
        activities: new Uint32Array(cells).fill(1),
        distanceMeters: new Float64Array(cells).fill(-1.7976931348623157e308),
        durationSeconds: new Float64Array(cells).fill(-1.7976931348623157e308),
        vdotLoad: new Float64Array(cells).fill(longest),
        nexrexEtePlus: new Float64Array(cells).fill(-1.2345678901234567e300),
      },
      [],
    );
    const parsed = JSON.parse(statsJson(answer).json.toString('utf8')) as { history: Record<string, unknown>[] };
    expect(parsed.history).to.have.length(4);
    expect(parsed.history[3]!.usr_b).to.deep.equal({
      distance: roundTo(-1.7976931348623157e308 / 1000, 2),
      duration: roundTo(-1.7976931348623157e308 / 60, 1),
      vdot_load: roundTo(longest, 1),
      nexrex_ete_plus: roundTo(-1.2345678901234567e300, 1),
    });
  });
});
