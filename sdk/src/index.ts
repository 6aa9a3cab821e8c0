export { createGroupsClient } from './client.js';
export type {
  Activity,
  AuditAction,
  CallOptions,
  GroupCreatedEvent,
  GroupDeletedEvent,
  GroupUpdatedEvent,
  MemberAddedEvent,
  MemberDayStats,
  MemberRemovedEvent,
  Privacy,
  StatsDay,
  StatsSummary,
  ActivityList,
  AuditEvent,
  AuditEventList,
  CreateGroupRequest,
  GetGroupStatsQuery,
  Group,
  GroupList,
  GroupsClient,
  GroupsClientOptions,
  GroupStats,
  ListGroupActivitiesQuery,
  ListGroupAuditEventsQuery,
  ListGroupsQuery,
  MutationResult,
  UpdateGroupRequest,
} from './client.js';
export { GroupsApiError, GroupsNetworkError, type Problem, type ProblemFieldError } from './errors.js';
export type { RetryOptions } from './retry.js';
export type { components, operations, paths } from './generated/openapi.js';
