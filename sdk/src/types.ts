// The API's resources as the SDK names them: each a schema of openapi.yaml (generated into
// ./generated/openapi.ts), and the queries and bodies of its operations.
import type { components, operations } from './generated/openapi.js';

export type Schemas = components['schemas'];
type Query<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;
type Body<K extends keyof operations> = operations[K] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type Group = Schemas['Group'];
export type GroupList = Schemas['GroupList'];
export type Activity = Schemas['Activity'];
export type ActivityList = Schemas['ActivityList'];
export type GroupStats = Schemas['GroupStats'];
export type StatsSummary = Schemas['StatsSummary'];
export type StatsDay = Schemas['StatsDay'];
export type MemberDayStats = Schemas['MemberDayStats'];
export type Privacy = Schemas['Privacy'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditAction = AuditEvent['action'];
export type GroupCreatedEvent = Schemas['GroupCreatedEvent'];
export type GroupUpdatedEvent = Schemas['GroupUpdatedEvent'];
export type GroupDeletedEvent = Schemas['GroupDeletedEvent'];
export type MemberAddedEvent = Schemas['MemberAddedEvent'];
export type MemberRemovedEvent = Schemas['MemberRemovedEvent'];
export type AuditEventList = Schemas['AuditEventList'];
export type MutationResult = Schemas['MutationResult'];
/** One committed change of a group, from the change feed: narrow it by `type`. */
export type ChangeEvent = Schemas['ChangeEvent'];
export type ChangeEventType = Schemas['EventType'];
export type GroupCreatedChangeEvent = Schemas['GroupCreatedChangeEvent'];
export type GroupUpdatedChangeEvent = Schemas['GroupUpdatedChangeEvent'];
export type GroupDeletedChangeEvent = Schemas['GroupDeletedChangeEvent'];
export type GroupMembersChangedChangeEvent = Schemas['GroupMembersChangedChangeEvent'];
/** A change in the health of one of the organization's webhook endpoints (paused, resumed, disabled). */
export type WebhookEndpointEvent = Schemas['WebhookEndpointEvent'];
export type WebhookEndpointEventType = Schemas['EndpointEventType'];
export type WebhookEndpointPausedEvent = Schemas['WebhookEndpointPausedEvent'];
export type WebhookEndpointResumedEvent = Schemas['WebhookEndpointResumedEvent'];
export type WebhookEndpointDisabledEvent = Schemas['WebhookEndpointDisabledEvent'];
/** The ping a new endpoint gets, and `sendWebhookTestEvent` sends; never in the change feed. */
export type WebhookPingEvent = Schemas['WebhookEndpointPingEvent'];
/** Any event of the change feed: a group's change, or (asked for by `types`, admins) an endpoint's. */
export type FeedEvent = Schemas['FeedEvent'];
export type FeedEventType = FeedEvent['type'];
/** Whatever a webhook request carries: narrow it by `type`. */
export type WebhookEvent = FeedEvent | WebhookPingEvent;
/** A page of the change feed with the events of the types `T`. */
export type EventPageOf<T extends FeedEventType> = Omit<Schemas['EventPage'], 'events'> & {
  events: Extract<FeedEvent, { type: T }>[];
};
/** A page of the change feed as read without `types`: the groups' changes. */
export type EventPage = EventPageOf<ChangeEventType>;
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookEndpointCreated = Schemas['WebhookEndpointCreated'];
export type WebhookEndpointList = Schemas['WebhookEndpointList'];
export type WebhookEndpointDeleted = Schemas['WebhookEndpointDeleted'];
export type WebhookSecretRotation = Schemas['WebhookSecretRotation'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookDeliveryList = Schemas['WebhookDeliveryList'];
export type CreateWebhookEndpointRequest = Body<'createWebhookEndpoint'>;
export type UpdateWebhookEndpointRequest = Body<'updateWebhookEndpoint'>;
export type RedeliverRequest = Body<'redeliverWebhookEvent'>;
export type ListWebhookDeliveriesQuery = Query<'listWebhookDeliveries'>;
export type CreateGroupRequest = Body<'createGroup'>;
export type UpdateGroupRequest = Body<'updateGroup'>;
export type ListGroupsQuery = Query<'listGroups'>;
export type ListGroupActivitiesQuery = Query<'listGroupActivities'>;
export type GetGroupStatsQuery = Query<'getGroupStats'>;
export type ListGroupAuditEventsQuery = Query<'listGroupAuditEvents'>;
export type ListEventsQuery<T extends FeedEventType = FeedEventType> = Omit<Query<'listEvents'>, 'types'> & {
  /** Only these types; absent, every `group.*` type (an endpoint's events only when named). */
  types?: T[];
};
