// One claim of a dispatcher: which endpoints have due deliveries and room for more attempts
// (src/data/webhook-deliveries-repository.ts), how this dispatcher's free slots are shared
// among them, organizations taking turns (src/domain/delivery-shares.ts), and the claim of
// each endpoint's share. Every step reads index ranges bounded by endpoints and claims, not
// by the backlog: 1M deliveries waiting for a dead endpoint cost a claim what 10 do.
import type { Database } from '../data/database.js';
import {
  claimDeliveries,
  dueEndpoints,
  liveClaims,
  type ClaimedDelivery,
} from '../data/webhook-deliveries-repository.js';
import { shareSlots } from '../domain/delivery-shares.js';

export interface ClaimLimits {
  /** This dispatcher's free slots. */
  slots: number;
  perEndpoint: number;
  perOrganization: number;
}

export async function claimFairShare(
  db: Database,
  claim: { token: string; now: Date; claimedUntil: Date; limits: ClaimLimits },
): Promise<ClaimedDelivery[]> {
  const due = await dueEndpoints(db, claim.now);
  if (due.length === 0) return [];
  const shares = shareSlots(due, await liveClaims(db, claim.now), claim.limits);
  return claimDeliveries(db, { token: claim.token, now: claim.now, claimedUntil: claim.claimedUntil, shares });
}
