// The operationId → handler map. Handlers stay thin: typed input in, a service call, the
// typed 200 body out (with its ETag where the spec declares one).
import type { Database } from '../../data/database.js';
import { readActivityFeed } from '../../domain/activity-feed.js';
import { readAuditLog } from '../../domain/audit-log.js';
import { readChangeFeed } from '../../domain/change-feed.js';
import { readGroupStats } from '../../domain/group-stats.js';
import * as groupsService from '../../domain/groups-service.js';
import { listVisibleGroups } from '../../domain/groups-list.js';
import { idempotently, requestFingerprint } from '../../domain/idempotency.js';
import type { PageTokens } from '../../domain/page-token.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { readDeliveryLog, redeliver, sendTestEvent } from '../../domain/webhook-deliveries.js';
import * as webhookEndpoints from '../../domain/webhook-endpoints.js';
import type { ResolveHost, TargetPolicy } from '../../domain/webhook-targets.js';
import { etagOf, ifMatchCondition } from '../etag.js';
import { idempotencyKeyOf } from '../idempotency-key.js';
import { Answer, defaulted, type OperationHandlers, type SuccessBody } from '../operations.js';
import { feedEventResource } from '../../wire/events.js';
import {
  activityResource,
  auditEventResource,
  groupResource,
  mutationResult,
  webhookDeliveryResource,
  webhookEndpointResource,
} from './resources.js';
import { statsJson } from './stats-json.js';

export interface HandlerDependencies {
  db: Database;
  clock: () => Date;
  pageTokens: PageTokens;
  /** Where webhook endpoints may point (WEBHOOK_ALLOW_LOOPBACK). */
  webhookTargets: TargetPolicy;
  resolveHost?: ResolveHost;
  /** Seals webhook signing secrets at rest (WEBHOOK_SECRETS_KEY). */
  secrets: SecretBox;
}

/** What a create answers, and what an idempotency key remembers of it. */
interface CreateAnswer {
  body: SuccessBody<'createGroup'>;
  etag: string;
}

export function createHandlers(deps: HandlerDependencies): OperationHandlers {
  const webhookDeps = {
    db: deps.db,
    clock: deps.clock,
    targets: deps.webhookTargets,
    resolveHost: deps.resolveHost,
    secrets: deps.secrets,
  };
  return {
    async createGroup({ caller, requestId, headers, body }) {
      const create = (options?: groupsService.CreateOptions) =>
        groupsService.createGroup(
          deps,
          { caller, requestId },
          {
            name: body.name,
            ownerId: body.user_id,
            description: body.description,
            privacy: defaulted(body.privacy),
            orgId: body.org_id,
            members: body.members,
          },
          options,
        );
      const answerFor = (created: groupsService.GroupVersion): CreateAnswer => ({
        body: mutationResult(created.id),
        etag: etagOf(created.version),
      });
      const key = idempotencyKeyOf(headers['Idempotency-Key']);
      if (key === undefined) {
        const answer = answerFor(await create());
        return new Answer(answer.body, { ETag: answer.etag });
      }
      const request = {
        orgId: caller.orgId,
        userId: caller.userId,
        key,
        fingerprint: requestFingerprint('createGroup', body),
      };
      const { answer, replayed } = await idempotently<CreateAnswer>(deps, request, async (claimed) =>
        answerFor(
          await create({
            beginWith: claimed.claim,
            commitWith: (trx, created) => claimed.remember(trx, answerFor(created)),
          }),
        ),
      );
      return new Answer(answer.body, { ETag: answer.etag, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
    },

    async getGroup({ caller, path }) {
      const group = await groupsService.getGroup(deps, caller, path.group_id);
      return new Answer(groupResource(group), { ETag: etagOf(group.version) });
    },

    async updateGroup({ caller, requestId, path, headers, body }) {
      const ifVersion = ifMatchCondition(headers['If-Match']);
      const updated = await groupsService.updateGroup(deps, { caller, requestId }, path.group_id, body, { ifVersion });
      return new Answer(mutationResult(path.group_id), { ETag: etagOf(updated.version) });
    },

    async deleteGroup({ caller, requestId, path, headers }) {
      const ifVersion = ifMatchCondition(headers['If-Match']);
      await groupsService.deleteGroup(deps, { caller, requestId }, path.group_id, { ifVersion });
      return mutationResult(path.group_id);
    },

    async listGroups({ caller, query }) {
      const pageSize = defaulted(query.page_size);
      const page = await listVisibleGroups(deps, caller, {
        pageSize,
        pageToken: query.page_token,
        memberOnly: query.member === 'me',
      });
      return {
        groups: page.groups.map(groupResource),
        count: page.groups.length,
        page_size: pageSize,
        next_page_token: page.nextPageToken,
        ...(page.summary
          ? { total_athletes: page.summary.totalAthletes, unassigned_count: page.summary.unassignedAthletes }
          : {}),
      };
    },

    async listGroupAuditEvents({ caller, path, query }) {
      const page = await readAuditLog(deps, caller, path.group_id, {
        pageSize: defaulted(query.page_size),
        pageToken: query.page_token,
      });
      return {
        events: page.events.map(auditEventResource),
        count: page.events.length,
        next_page_token: page.nextPageToken,
      };
    },

    async listGroupActivities({ caller, path, query }) {
      const page = await readActivityFeed(deps, caller, path.group_id, {
        limit: defaulted(query.limit),
        startDate: query.start_date,
        endDate: query.end_date,
        subType: query.sub_type,
        pageToken: query.page_token,
      });
      return {
        activities: page.activities.map(activityResource),
        count: page.activities.length,
        next_page_token: page.nextPageToken,
      };
    },

    async listEvents({ caller, query }) {
      const page = await readChangeFeed(deps, caller, {
        after: query.after,
        types: query.types,
        limit: defaulted(query.limit),
      });
      return {
        events: page.events.map(feedEventResource),
        next_cursor: page.nextCursor,
        has_more: page.hasMore,
      };
    },

    async createWebhookEndpoint({ caller, body }) {
      const { endpoint, secret } = await webhookEndpoints.createEndpoint(webhookDeps, caller, {
        url: body.url,
        eventTypes: body.event_types,
        description: body.description,
      });
      return { endpoint: webhookEndpointResource(endpoint, deps.clock()), secret };
    },

    async listWebhookEndpoints({ caller }) {
      const endpoints = await webhookEndpoints.listEndpoints(deps, caller);
      return { endpoints: endpoints.map((endpoint) => webhookEndpointResource(endpoint, deps.clock())) };
    },

    async getWebhookEndpoint({ caller, path }) {
      return webhookEndpointResource(await webhookEndpoints.getEndpoint(deps, caller, path.endpoint_id), deps.clock());
    },

    async updateWebhookEndpoint({ caller, path, body }) {
      const endpoint = await webhookEndpoints.updateEndpoint(webhookDeps, caller, path.endpoint_id, {
        url: body.url,
        eventTypes: body.event_types,
        description: body.description,
        status: body.status,
      });
      return webhookEndpointResource(endpoint, deps.clock());
    },

    async deleteWebhookEndpoint({ caller, path }) {
      await webhookEndpoints.deleteEndpoint(deps, caller, path.endpoint_id);
      return { id: path.endpoint_id, deleted: true };
    },

    async rotateWebhookEndpointSecret({ caller, path }) {
      const rotation = await webhookEndpoints.rotateSecret(deps, caller, path.endpoint_id);
      return { secret: rotation.secret, previous_secret_expires_at: rotation.previousSecretExpiresAt.toISOString() };
    },

    async listWebhookDeliveries({ caller, path, query }) {
      const page = await readDeliveryLog(deps, caller, path.endpoint_id, {
        pageSize: defaulted(query.page_size),
        pageToken: query.page_token,
      });
      return {
        deliveries: page.deliveries.map(webhookDeliveryResource),
        count: page.deliveries.length,
        next_page_token: page.nextPageToken,
      };
    },

    async redeliverWebhookEvent({ caller, path, body }) {
      return webhookDeliveryResource(await redeliver(deps, caller, path.endpoint_id, body.event_id));
    },

    async sendWebhookTestEvent({ caller, path }) {
      return webhookDeliveryResource(await sendTestEvent(deps, caller, path.endpoint_id));
    },

    async getGroupStats({ caller, path, query }) {
      const stats = await readGroupStats(deps, caller, path.group_id, {
        range: defaulted(query.range),
        fromTs: query.from_ts,
        toTs: query.to_ts,
        timezone: query.timezone,
      });
      return statsJson(stats);
    },
  };
}
