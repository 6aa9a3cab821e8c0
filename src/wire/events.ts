// Events as partners read them, in the change feed and in webhook requests alike
// (openapi.yaml: ChangeEvent, WebhookEndpointPingEvent): the handlers and the dispatcher both
// spell them here, so the feed and a webhook body cannot drift apart.
import type { ChangeEventRecord } from '../data/change-events-repository.js';
import type { components } from '../generated/openapi.js';

type Schemas = components['schemas'];
export type WireEvent = Schemas['FeedEvent'] | Schemas['WebhookEndpointPingEvent'];
type DataOf<Type extends WireEvent['type']> = Extract<WireEvent, { type: Type }>['data'];

// The stored `data` JSON was written by the service itself in the shape its type has
// (src/domain/change-events.ts); here it gets that shape's type back.
export function eventResource(event: ChangeEventRecord): WireEvent {
  const common = {
    id: event.id,
    created_at: event.createdAt.toISOString(),
    org_id: event.orgId,
    sequence: event.sequence,
  };
  const ofGroup = { ...common, group_id: event.subjectId };
  const ofEndpoint = { ...common, endpoint_id: event.subjectId };
  switch (event.type) {
    case 'group.created':
      return { ...ofGroup, type: event.type, data: event.data as DataOf<'group.created'> };
    case 'group.updated':
      return { ...ofGroup, type: event.type, data: event.data as DataOf<'group.updated'> };
    case 'group.deleted':
      return { ...ofGroup, type: event.type, data: event.data as DataOf<'group.deleted'> };
    case 'group.members_changed':
      return { ...ofGroup, type: event.type, data: event.data as DataOf<'group.members_changed'> };
    case 'webhook_endpoint.paused':
      return { ...ofEndpoint, type: event.type, data: event.data as DataOf<'webhook_endpoint.paused'> };
    case 'webhook_endpoint.resumed':
      return { ...ofEndpoint, type: event.type, data: event.data as DataOf<'webhook_endpoint.resumed'> };
    case 'webhook_endpoint.disabled':
      return { ...ofEndpoint, type: event.type, data: event.data as DataOf<'webhook_endpoint.disabled'> };
    case 'webhook_endpoint.ping':
      return { ...ofEndpoint, type: event.type, data: event.data as DataOf<'webhook_endpoint.ping'> };
  }
}

/** A feed event: the feed never lists pings (src/domain/change-feed.ts leaves them out). */
export function feedEventResource(event: ChangeEventRecord): Schemas['FeedEvent'] {
  const resource = eventResource(event);
  if (resource.type === 'webhook_endpoint.ping') throw new Error(`ping ${event.id} in the change feed`);
  return resource;
}
