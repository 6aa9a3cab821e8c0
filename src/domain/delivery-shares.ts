// How one claim shares a dispatcher's free slots among the endpoints with due deliveries
// (openapi.yaml: Webhook delivery, Pacing and pausing). Organizations take turns, one slot
// each a round, the one waiting longest first; within an organization its endpoints take
// turns. No endpoint gets more than its cap of attempts in flight (one while a paused
// endpoint is being probed), no organization more than its own: one organization's endpoints,
// dead or flooded, leave the rest of the slots to everyone else.

export interface ClaimCandidate {
  endpointId: string;
  orgId: string;
  /** Its earliest due delivery. */
  dueAt: Date;
  /** Its pause has ended: one attempt at a time tests it. */
  probing: boolean;
}

export interface ShareLimits {
  /** The dispatcher's free slots. */
  slots: number;
  perEndpoint: number;
  perOrganization: number;
}

export interface Share {
  endpointId: string;
  /** Deliveries to claim now. */
  take: number;
  /** Attempts the endpoint may have in flight, claims of every dispatcher counted. */
  cap: number;
}

interface OrganizationTurns {
  free: number;
  endpoints: { candidate: ClaimCandidate; free: number; share: Share }[];
  next: number;
}

const byDue = (a: ClaimCandidate, b: ClaimCandidate) =>
  a.dueAt.getTime() - b.dueAt.getTime() || (a.endpointId < b.endpointId ? -1 : 1);

export function shareSlots(
  candidates: ClaimCandidate[],
  inFlight: { byEndpoint: ReadonlyMap<string, number>; byOrganization: ReadonlyMap<string, number> },
  limits: ShareLimits,
): Share[] {
  const organizations = new Map<string, OrganizationTurns>();
  for (const candidate of [...candidates].sort(byDue)) {
    let turns = organizations.get(candidate.orgId);
    if (!turns) {
      turns = {
        free: limits.perOrganization - (inFlight.byOrganization.get(candidate.orgId) ?? 0),
        endpoints: [],
        next: 0,
      };
      organizations.set(candidate.orgId, turns);
    }
    const cap = candidate.probing ? 1 : limits.perEndpoint;
    turns.endpoints.push({
      candidate,
      free: cap - (inFlight.byEndpoint.get(candidate.endpointId) ?? 0),
      share: { endpointId: candidate.endpointId, take: 0, cap },
    });
  }
  let slots = limits.slots;
  let gave = true;
  while (slots > 0 && gave) {
    gave = false;
    for (const turns of organizations.values()) {
      if (slots === 0) break;
      if (turns.free <= 0) continue;
      const count = turns.endpoints.length;
      for (let offset = 0; offset < count; offset++) {
        const endpoint = turns.endpoints[(turns.next + offset) % count]!;
        if (endpoint.free <= 0) continue;
        endpoint.free--;
        endpoint.share.take++;
        turns.free--;
        turns.next = (turns.next + offset + 1) % count;
        slots--;
        gave = true;
        break;
      }
    }
  }
  return [...organizations.values()].flatMap((turns) =>
    turns.endpoints.filter((endpoint) => endpoint.share.take > 0).map((endpoint) => endpoint.share),
  );
}
