// How a claim shares a dispatcher's free slots (src/domain/delivery-shares.ts): organizations
// take turns, endpoints within one take turns, and no endpoint or organization goes past its
// cap of attempts in flight, claims of other dispatchers counted.
import { expect } from 'chai';
import { shareSlots, type ClaimCandidate } from '../../../src/domain/delivery-shares.js';

const t0 = Date.parse('2026-12-07T12:00:00.000Z');
const candidate = (endpointId: string, orgId: string, dueMs = 0, probing = false): ClaimCandidate => ({
  endpointId,
  orgId,
  dueAt: new Date(t0 + dueMs),
  probing,
});
const none = { byEndpoint: new Map<string, number>(), byOrganization: new Map<string, number>() };
const takes = (shares: { endpointId: string; take: number }[]) =>
  Object.fromEntries(shares.map((share) => [share.endpointId, share.take]));

describe('sharing a claim among endpoints', () => {
  it('gives no endpoint more than its cap, and no organization more than its own', () => {
    const shares = shareSlots([candidate('whe_a', 'org_a')], none, { slots: 64, perEndpoint: 4, perOrganization: 16 });
    expect(shares).to.deep.equal([{ endpointId: 'whe_a', take: 4, cap: 4 }]);
    const many = Array.from({ length: 16 }, (_, index) =>
      candidate(`whe_${index.toString().padStart(2, '0')}`, 'org_a'),
    );
    const capped = shareSlots(many, none, { slots: 64, perEndpoint: 4, perOrganization: 16 });
    expect(capped.reduce((sum, share) => sum + share.take, 0)).to.equal(16);
    expect(capped.every((share) => share.take === 1)).to.equal(true);
  });

  it('lets a dead neighbour hold no more than its caps while another organization has work', () => {
    // org_a: one endpoint with 4 attempts hanging (its cap), 1,000 due behind them.
    const inFlight = { byEndpoint: new Map([['whe_dead', 4]]), byOrganization: new Map([['org_a', 4]]) };
    const shares = shareSlots([candidate('whe_dead', 'org_a', -60_000), candidate('whe_ok', 'org_b', 0)], inFlight, {
      slots: 60,
      perEndpoint: 4,
      perOrganization: 16,
    });
    expect(takes(shares)).to.deep.equal({ whe_ok: 4 });
  });

  it('lets organizations take turns, the one waiting longest first, when slots are short', () => {
    const shares = shareSlots(
      [
        candidate('whe_a1', 'org_a', 0),
        candidate('whe_a2', 'org_a', 1),
        candidate('whe_a3', 'org_a', 2),
        candidate('whe_b1', 'org_b', 5),
        candidate('whe_c1', 'org_c', 10),
      ],
      none,
      { slots: 5, perEndpoint: 4, perOrganization: 16 },
    );
    // Round 1: a, b, c one each; round 2: a (its second endpoint), b.
    expect(takes(shares)).to.deep.equal({ whe_a1: 1, whe_a2: 1, whe_b1: 2, whe_c1: 1 });
    expect(shares.map((share) => share.endpointId)).to.deep.equal(['whe_a1', 'whe_a2', 'whe_b1', 'whe_c1']);
  });

  it('gives an endpoint whose pause ended one probe at a time', () => {
    const probing = shareSlots([candidate('whe_p', 'org_a', 0, true)], none, {
      slots: 8,
      perEndpoint: 4,
      perOrganization: 16,
    });
    expect(probing).to.deep.equal([{ endpointId: 'whe_p', take: 1, cap: 1 }]);
    const underWay = shareSlots(
      [candidate('whe_p', 'org_a', 0, true)],
      { byEndpoint: new Map([['whe_p', 1]]), byOrganization: new Map([['org_a', 1]]) },
      { slots: 8, perEndpoint: 4, perOrganization: 16 },
    );
    expect(underWay).to.deep.equal([]);
  });

  it('counts the organization’s attempts already under way against its cap', () => {
    const shares = shareSlots(
      [candidate('whe_a', 'org_a'), candidate('whe_b', 'org_a', 1)],
      { byEndpoint: new Map([['whe_x', 3]]), byOrganization: new Map([['org_a', 14]]) },
      { slots: 64, perEndpoint: 4, perOrganization: 16 },
    );
    expect(takes(shares)).to.deep.equal({ whe_a: 1, whe_b: 1 });
  });

  it('stops at the free slots, and gives nothing out of none', () => {
    expect(
      shareSlots([candidate('whe_a', 'org_a')], none, { slots: 0, perEndpoint: 4, perOrganization: 16 }),
    ).to.deep.equal([]);
    expect(shareSlots([], none, { slots: 10, perEndpoint: 4, perOrganization: 16 })).to.deep.equal([]);
    const two = shareSlots([candidate('whe_a', 'org_a'), candidate('whe_b', 'org_b', 1)], none, {
      slots: 3,
      perEndpoint: 4,
      perOrganization: 16,
    });
    expect(takes(two)).to.deep.equal({ whe_a: 2, whe_b: 1 });
  });

  it('orders endpoints of one organization by their earliest due delivery, then by id', () => {
    const shares = shareSlots(
      [candidate('whe_late', 'org_a', 50), candidate('whe_b', 'org_a', 0), candidate('whe_a', 'org_a', 0)],
      none,
      { slots: 2, perEndpoint: 4, perOrganization: 16 },
    );
    expect(takes(shares)).to.deep.equal({ whe_a: 1, whe_b: 1 });
    // One slot: of two endpoints due at the same time, the lower id, whichever came first.
    for (const order of [
      ['whe_b', 'whe_a'],
      ['whe_a', 'whe_b'],
    ]) {
      const tied = shareSlots(
        order.map((id) => candidate(id, 'org_a', 0)),
        none,
        { slots: 1, perEndpoint: 4, perOrganization: 16 },
      );
      expect(takes(tied), order.join(', ')).to.deep.equal({ whe_a: 1 });
    }
    // Organizations whose endpoints are due at the same time take turns in their ids' order.
    const organizations = shareSlots([candidate('whe_z', 'org_z', 0), candidate('whe_y', 'org_y', 0)], none, {
      slots: 1,
      perEndpoint: 4,
      perOrganization: 16,
    });
    expect(takes(organizations)).to.deep.equal({ whe_y: 1 });
  });

  it('gives nothing when the dispatcher is already past its slots', () => {
    expect(
      shareSlots([candidate('whe_a', 'org_a')], none, { slots: -1, perEndpoint: 4, perOrganization: 16 }),
    ).to.deep.equal([]);
  });

  it('passes over an organization’s full endpoints to its free one, round after round', () => {
    const inFlight = {
      byEndpoint: new Map([
        ['whe_a1', 4],
        ['whe_a2', 4],
      ]),
      byOrganization: new Map([['org_a', 8]]),
    };
    const shares = shareSlots(
      [candidate('whe_a1', 'org_a', 0), candidate('whe_a2', 'org_a', 1), candidate('whe_a3', 'org_a', 2)],
      inFlight,
      { slots: 3, perEndpoint: 4, perOrganization: 16 },
    );
    expect(shares).to.deep.equal([{ endpointId: 'whe_a3', take: 3, cap: 4 }]);
  });
});
