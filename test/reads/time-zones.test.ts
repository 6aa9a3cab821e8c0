// Time zone names are canonicalized, every cache is bounded, and nothing is
// done with a zone before the group is found and the caller authorized.
import { expect } from 'chai';
import { BoundedCache } from '../../src/lib/bounded-cache.js';
import {
  localDate,
  offsetAt,
  offsetSegments,
  resolveTimeZone,
  timeZoneCacheSizes,
  type OffsetSegment,
} from '../../src/domain/time-zone.js';
import { addActivity, bearer, createGroupVia, createOrganization, testApp, uniqueName } from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

/** The `index`-th case variant of a name: bit i of index upper-cases the i-th letter. */
function caseVariant(name: string, index: number): string {
  let bit = 0;
  return name.replace(/[A-Za-z]/g, (letter) => {
    const upper = (index >> bit++) & 1;
    return upper ? letter.toUpperCase() : letter.toLowerCase();
  });
}

const capacities = { canonicalIds: 256, formatters: 128, zoneYears: 512 };

describe('time zones: canonical names and bounded caches', () => {
  const now = new Date('2025-04-30T12:00:00Z');
  let request: Agent;
  let coach: { Authorization: string };
  let groupId: string;
  let orgId: string;
  let athleteId: string;

  before(async () => {
    request = testApp({ clock: () => now }).request;
    const org = await createOrganization();
    orgId = org.id;
    const coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    athleteId = await org.addUser({ role: 'athlete' });
    groupId = await createGroupVia(request, coach, {
      name: uniqueName('Zones'),
      user_id: coachId,
      members: [athleteId],
    });
    // 02:00 UTC on 2025-04-28 is 22:00 on 2025-04-27 in New York (EDT, -04:00).
    await addActivity(orgId, athleteId, { startTime: '2025-04-28T02:00:00Z', distance: 5000 });
  });

  const stats = (group: string, timezone: string) =>
    request.get(`/api/v1/groups/${group}/stats?timezone=${encodeURIComponent(timezone)}`).set(coach);

  it('answers 404 to 2,100 case variants of a zone on a missing group, touching no cache', async function () {
    this.timeout(180_000);
    const before = timeZoneCacheSizes();
    const statuses = new Map<number, number>();
    for (let batch = 0; batch < 2_100; batch += 50) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, offset) =>
          stats('grp_missing0000000000001', caseVariant('America/New_York', batch + offset)),
        ),
      );
      for (const { status } of responses) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).to.deep.equal({ 404: 2_100 });
    expect(timeZoneCacheSizes()).to.deep.equal(before);
  });

  it('answers 404, not 400, to an unknown zone on a missing group, and 400 on an existing one', async () => {
    const missing = await stats('grp_missing0000000000001', 'Mars/Olympus_Mons');
    expect(missing.status).to.equal(404);
    expect(missing.body.code).to.equal('group_not_found');
    const response = await stats(groupId, 'Mars/Olympus_Mons');
    expect(response.status).to.equal(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['/query/timezone']);
  });

  it('echoes case variants as the canonical name and keys the caches by it', async function () {
    this.timeout(120_000);
    await stats(groupId, 'America/New_York');
    const before = timeZoneCacheSizes();
    for (let index = 0; index < 300; index += 7) {
      const variant = caseVariant('America/New_York', index);
      const response = await stats(groupId, variant);
      expect(response.status, variant).to.equal(200);
      expect(response.body.timezone, variant).to.equal('America/New_York');
    }
    const after = timeZoneCacheSizes();
    // One entry per distinct variant maps it to the canonical id (bounded); the formatters and
    // the zone's years are the canonical zone's, shared by every variant.
    expect(after.formatters).to.equal(before.formatters);
    expect(after.zoneYears).to.equal(before.zoneYears);
  });

  it('buckets a case variant in the zone: america/new_york puts 02:00 UTC on the day before', async () => {
    const response = await stats(groupId, 'america/new_york');
    expect(response.status).to.equal(200);
    expect(response.body).to.include({ timezone: 'America/New_York', from: '2025-04-24', to: '2025-04-30' });
    const day = (date: string) => response.body.history.find((entry: { date: string }) => entry.date === date);
    expect(day('2025-04-27')[athleteId]).to.deep.include({ distance: 5 });
    expect(day('2025-04-28')).to.deep.equal({ date: '2025-04-28', formattedDate: '2025-04-28' });
  });

  it('buckets a link as the zone it links to and echoes it as sent', async () => {
    const link = await stats(groupId, 'US/Eastern');
    expect(link.status).to.equal(200);
    expect(link.body.timezone).to.equal('US/Eastern');
    const day = link.body.history.find((entry: { date: string }) => entry.date === '2025-04-27');
    expect(day[athleteId]).to.deep.include({ distance: 5 });
    expect((await stats(groupId, 'Asia/Kolkata')).body.timezone).to.equal('Asia/Kolkata');
    expect((await stats(groupId, 'utc')).body.timezone).to.equal('UTC');
    expect((await stats(groupId, 'etc/gmt+5')).body.timezone).to.equal('Etc/GMT+5');
  });

  it('resolves names in any case to one id, and refuses what Intl refuses', () => {
    expect(resolveTimeZone('EUROPE/BERLIN')).to.deep.equal({ id: 'Europe/Berlin', name: 'Europe/Berlin' });
    expect(resolveTimeZone('europe/berlin')).to.deep.equal({ id: 'Europe/Berlin', name: 'Europe/Berlin' });
    expect(resolveTimeZone('US/Eastern')?.id).to.equal('America/New_York');
    expect(resolveTimeZone('Mars/Base')).to.equal(undefined);
    // U+212A KELVIN SIGN lower-cases to k in Unicode, but Intl matches ASCII case only.
    expect(resolveTimeZone('Asia/\u212Aolkata')).to.equal(undefined);
  });

  it('keeps every cache within its capacity when every zone is used in every case', function () {
    this.timeout(60_000);
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length, 'more zones than the id and formatter caches hold').to.be.above(capacities.canonicalIds);
    for (const zone of zones) {
      for (const variant of [zone, zone.toLowerCase(), zone.toUpperCase()]) {
        const resolved = resolveTimeZone(variant);
        expect(resolved?.name, variant).to.equal(zone);
        localDate(now, resolved!.id);
      }
    }
    // Scanning a zone's year costs milliseconds: a sample of zones shows the year cache at work.
    const from = Date.parse('2023-06-01T00:00:00Z');
    for (const zone of zones.filter((_, index) => index % 10 === 0)) offsetSegments(from, from + 30 * 86_400_000, zone);
    const sizes = timeZoneCacheSizes();
    expect(sizes.canonicalIds).to.equal(capacities.canonicalIds);
    expect(sizes.formatters).to.equal(capacities.formatters);
    expect(sizes.zoneYears).to.be.above(0).and.at.most(capacities.zoneYears);
  });
});

describe('offset segments from cached years', () => {
  /** The former per-request scan: probes every 6 hours over exactly [fromMs, toMs]. */
  function scan(fromMs: number, toMs: number, timeZone: string): OffsetSegment[] {
    const segments: OffsetSegment[] = [];
    let offset = offsetAt(fromMs, timeZone);
    for (let probe = fromMs; probe < toMs;) {
      const next = Math.min(probe + 6 * 3_600_000, toMs);
      const nextOffset = offsetAt(next, timeZone);
      if (nextOffset !== offset) {
        let low = Math.floor(probe / 1000);
        let high = Math.ceil(next / 1000);
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2);
          if (offsetAt(middle * 1000, timeZone) === offset) low = middle;
          else high = middle;
        }
        segments.push({ endMs: high * 1000, offsetMs: offset });
        offset = nextOffset;
      }
      probe = next;
    }
    segments.push({ endMs: null, offsetMs: offset });
    return segments;
  }

  const cases: [zone: string, from: string, to: string][] = [
    ['America/New_York', '2024-03-09T04:30:00Z', '2025-03-11T04:30:00Z'],
    ['Europe/Berlin', '2023-12-31T23:00:00Z', '2025-01-01T00:59:59Z'],
    ['Pacific/Auckland', '2024-12-01T00:00:00Z', '2025-12-01T00:00:00Z'],
    ['Australia/Lord_Howe', '2024-01-15T00:00:00Z', '2025-01-15T00:00:00Z'],
    ['Africa/Casablanca', '2024-01-01T00:00:00Z', '2024-12-31T23:59:59Z'],
    ['America/Sao_Paulo', '2018-06-01T00:00:00Z', '2019-06-01T00:00:00Z'],
    ['Asia/Kathmandu', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'],
    ['Europe/Berlin', '2025-03-30T01:00:00Z', '2025-03-30T01:00:00Z'],
    ['Europe/Berlin', '2025-03-30T00:59:59Z', '2025-03-30T01:00:00Z'],
  ];
  for (const [zone, from, to] of cases) {
    it(`${zone} from ${from} to ${to} equals a direct scan`, () => {
      const fromMs = Date.parse(from);
      const toMs = Date.parse(to);
      expect(offsetSegments(fromMs, toMs, zone)).to.deep.equal(scan(fromMs, toMs, zone));
    });
  }

  it('Casablanca has its Ramadan changes, weeks apart, in 2024', () => {
    const segments = offsetSegments(
      Date.parse('2024-01-01T00:00:00Z'),
      Date.parse('2024-12-31T00:00:00Z'),
      'Africa/Casablanca',
    );
    expect(segments.map((segment) => segment.offsetMs / 3_600_000)).to.deep.equal([1, 0, 1]);
  });
});

describe('BoundedCache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).to.equal(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).to.deep.equal([1, undefined, 3, 2]);
    expect(cache.getOrCreate('d', () => 4)).to.equal(4);
    expect([cache.get('a'), cache.get('c'), cache.size]).to.deep.equal([undefined, 3, 2]);
  });
});
