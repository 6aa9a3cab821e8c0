// Events as partners read them, in the change feed and in webhook requests alike
// (openapi.yaml: FeedEvent, WebhookEndpointPingEvent). Their payloads are typed here from the
// generated schemas and built in that type where the change happens (src/domain/change-events.ts),
// so what is stored, listed and sent is the contract, with no cast between them.
import type { components } from '../generated/openapi.js';

type Schemas = components['schemas'];
export type WireEvent = Schemas['FeedEvent'] | Schemas['WebhookEndpointPingEvent'];
/** What happened to a group. */
export type GroupEventType = Schemas['EventType'];
/** What happened to the health of one of the organization's endpoints. */
export type EndpointEventType = Schemas['EndpointEventType'];
/** The types the change feed lists. */
export type FeedEventType = Schemas['FeedEventType'];
/** Every type an event can have: a ping goes to one endpoint and is not in the feed. */
export type EventType = WireEvent['type'];

/** An event's type and its `data`, one member per type. */
export type EventPayload<Type extends EventType = EventType> = {
  [T in Type]: { type: T; data: Extract<WireEvent, { type: T }>['data'] };
}[Type];

/** Which event it is, whom and what it is about, and when it happened. */
export interface EventSubject {
  id: string;
  orgId: string;
  /** The group (`group.*`) or webhook endpoint (`webhook_endpoint.*`) the event is about. */
  subjectId: string;
  createdAt: Date;
}

/** An event as the service keeps it, with its place among its subject's events (from 1). */
export type StoredEvent = EventPayload & EventSubject & { sequence: number };

export function eventResource(event: StoredEvent): WireEvent {
  const common = {
    id: event.id,
    created_at: event.createdAt.toISOString(),
    org_id: event.orgId,
    sequence: event.sequence,
  };
  const ofGroup = { ...common, group_id: event.subjectId };
  const ofEndpoint = { ...common, endpoint_id: event.subjectId };
  // One case a type: only there are `type` and `data` known to belong together.
  switch (event.type) {
    case 'group.created':
      return { ...ofGroup, type: event.type, data: event.data };
    case 'group.updated':
      return { ...ofGroup, type: event.type, data: event.data };
    case 'group.deleted':
      return { ...ofGroup, type: event.type, data: event.data };
    case 'group.members_changed':
      return { ...ofGroup, type: event.type, data: event.data };
    case 'webhook_endpoint.paused':
      return { ...ofEndpoint, type: event.type, data: event.data };
    case 'webhook_endpoint.resumed':
      return { ...ofEndpoint, type: event.type, data: event.data };
    case 'webhook_endpoint.disabled':
      return { ...ofEndpoint, type: event.type, data: event.data };
    case 'webhook_endpoint.ping':
      return { ...ofEndpoint, type: event.type, data: event.data };
  }
}

/** A feed event: the feed never lists pings (src/domain/change-feed.ts leaves them out). */
export function feedEventResource(event: StoredEvent): Schemas['FeedEvent'] {
  const resource = eventResource(event);
  if (resource.type === 'webhook_endpoint.ping') throw new Error(`ping ${event.id} in the change feed`);
  return resource;
}
