/**
 * Generated from openapi.yaml by `npm run codegen` (openapi-typescript). Do not edit by hand:
 * change openapi.yaml and regenerate.
 */

export type paths = {
    "/api/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List groups
         * @description Returns groups visible to the caller, ordered by name (case-insensitive), then id.
         *     Coaches and admins receive every group of their organization and the organization
         *     summary fields `total_athletes` and `unassigned_count`; athletes receive only the
         *     groups they own and no summary fields.
         *
         *     With `member=me`, any caller receives the groups they are a member of (private ones
         *     included), in the same order; coaches and admins still receive the summary fields. A
         *     page token is valid only with the `member` value it was issued for.
         */
        get: operations["listGroups"];
        put?: never;
        /**
         * Create a group
         * @description Creates a group in the caller's organization. Coaches and admins may make any active
         *     user of the organization its owner; athletes may only create groups they own
         *     (`user_id` equal to their own id, else `403`). The name must be unique within the
         *     organization, compared by the key that `GroupName` describes (`409
         *     group_name_taken`). The creation and each initial member are
         *     audit-logged.
         *
         *     Membership is staff's to manage: an athlete's `members` may hold only the athlete
         *     themselves (or be empty or absent); any other user is a `403`. A coach or an admin
         *     adds club mates.
         *
         *     With an `Idempotency-Key` the create may be retried safely: see "Idempotent creates"
         *     above. The answer's `ETag` is the new group's, for a later `If-Match`.
         */
        post: operations["createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{group_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The unique group identifier. */
                group_id: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        /**
         * Get a group
         * @description Returns details for a group. Admins, coaches, the owner and members may read any
         *     group; other athletes of the organization may read only `public` groups (`403` for
         *     private ones). `members` is sorted by user id. The `ETag` names the group's version:
         *     send it as `If-Match` on an update or delete.
         */
        get: operations["getGroup"];
        /**
         * Update a group
         * @description Updates group metadata and membership. Scalar fields are partial (an absent field is
         *     left unchanged); `members`, when present, is the full replacement member list. The
         *     update is one transaction: changed fields are audit-logged as `group.updated` with
         *     their before and after values, and every added and removed member as `member.added`
         *     and `member.removed`. Concurrent updates of one group are serialized. Admins, coaches
         *     and the owner may update a group.
         *
         *     Membership is staff's to manage: when an athlete (the owner) sends `members`, the list
         *     may differ from the current one only by the athlete themselves (joining or leaving);
         *     adding or removing anyone else is a `403`, and nothing of the request is applied. A
         *     list sent unchanged is fine.
         *
         *     With `If-Match`, the update applies only when the group is still at that version, else
         *     `412 precondition_failed` (checked under the group's row lock, so two updates sent with
         *     the same `ETag` cannot both apply). The answer's `ETag` is the group's after the update.
         *     An update that changes nothing keeps the version.
         */
        put: operations["updateGroup"];
        post?: never;
        /**
         * Delete a group
         * @description Permanently deletes a group and its memberships. The deletion is audit-logged as
         *     `group.deleted` with a snapshot of the name and members; the group's audit log stays
         *     readable to admins and coaches. Admins, coaches and the owner may delete a group.
         *
         *     With `If-Match`, the group is deleted only when it is still at that version, else
         *     `412 precondition_failed`. A retried delete whose earlier attempt succeeded answers
         *     `404 group_not_found` (the group is gone); the SDK reports it as a success.
         */
        delete: operations["deleteGroup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{group_id}/activities": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The unique group identifier. */
                group_id: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        /**
         * Get group activities
         * @description Returns completed activities of the group's current, active members, newest first
         *     (by start time, then id), for an activity feed. Date filters compare with the
         *     athlete's local calendar date of the activity's start (`start_date_local`). Admins,
         *     coaches, the owner and members may read the feed.
         */
        get: operations["listGroupActivities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{group_id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The unique group identifier. */
                group_id: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        /**
         * Get group stats
         * @description Returns aggregated training statistics of the group's current, active members over a
         *     time range, bucketed by local calendar day in `timezone`.
         *
         *     A preset `Nd` is the N local calendar days ending today (inclusive). `custom` needs
         *     `from_ts` and `to_ts` (Unix seconds) with `from_ts <= to_ts` and `to_ts` at most 7 days
         *     in the future, and counts activities whose start time lies in `[from_ts, to_ts]`. A
         *     custom range spans at most 366 days, counted in local calendar days in `timezone`: the
         *     local date of `to_ts` is at most 366 days after the local date of `from_ts`, so
         *     `history` never has more than 367 entries (366 × 24 hours starting late in the evening
         *     can touch 368 local dates across a DST change, and are a `400`). Passing `from_ts` or
         *     `to_ts` with a preset is a `400`.
         *
         *     Only completed activities count. A member whose user is inactive is left out of the
         *     stats, `member_names` and the engagement denominator. Admins, coaches, the owner and
         *     members may read the stats.
         */
        get: operations["getGroupStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{group_id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The unique group identifier. */
                group_id: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        /**
         * Get a group's audit log
         * @description Returns the group's audit events, newest first (by time, then id). Admins and coaches
         *     may read the log of a group that exists or was deleted; the owner may read it while
         *     the group exists.
         */
        get: operations["listGroupAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the change feed
         * @description Every committed change of the organization's groups as an event (`group.created`,
         *     `group.updated`, `group.deleted`, `group.members_changed`), oldest first, in the order
         *     the changes were committed: a change is in the feed once it is committed and never before,
         *     and no event appears in the feed earlier than one committed before it.
         *
         *     Pass the `next_cursor` of a page as `after` to read on. `next_cursor` is given on every
         *     page, also an empty one (then it is the cursor you sent), so a partner that saves it and
         *     polls again misses nothing and sees nothing twice. Without `after` the feed starts at its
         *     oldest kept event. Events are kept for 30 days: a cursor that points further back answers
         *     `410 cursor_expired`; start again without `after` and reconcile by reading the groups.
         *
         *     Each event carries `sequence`, which counts the events of its group from 1
         *     (`group.created`) without gaps, so a receiver can order one group's events and see that
         *     it missed one. Admins and coaches read the feed; athletes get `403`.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Every webhook endpoint of the organization, oldest first, with its state: whether it
         *     is enabled and why not, and when a delivery last succeeded and last failed. Secrets are
         *     never listed. Admins only.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Register a webhook endpoint
         * @description Registers a URL that receives the organization's events (see Webhooks), signed as
         *     [Standard Webhooks](https://www.standardwebhooks.com/). The answer holds the signing
         *     secret (`whsec_…`); it is shown this once. Admins only; an organization has at most 16
         *     endpoints (`409 webhook_endpoint_limit_reached`, answered before the URL's host is
         *     looked up). The new endpoint gets a `webhook_endpoint.ping` at once.
         *
         *     The URL must be `https` and its host must not be, nor resolve to, a loopback, private,
         *     link-local, shared or otherwise non-public address (cloud metadata services included):
         *     `400 validation_error` on `/body/url`. A host name that does not resolve yet is
         *     accepted; deliveries to it fail, and are retried, until it does. The address is checked
         *     again for every delivery, after the name is resolved.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{endpoint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        /**
         * Get a webhook endpoint
         * @description The endpoint and its state. Admins only; another organization's endpoint is `404`.
         */
        get: operations["getWebhookEndpoint"];
        /**
         * Update, disable or enable a webhook endpoint
         * @description Changes the fields given; the others stay. `status: disabled` stops deliveries to the
         *     endpoint: events are not queued for it while it is disabled, and deliveries already
         *     queued wait. `status: enabled` resets its failure record, ends a pause and sends what
         *     waited, at most 4 requests at a time. Admins only.
         */
        put: operations["updateWebhookEndpoint"];
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Deletes the endpoint with its delivery log; nothing more is sent to it. Admins only.
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{endpoint_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an endpoint's signing secret
         * @description Makes a new signing secret and answers it (shown this once). For 24 hours the old one
         *     stays valid: every delivery is signed with both (`webhook-signature` carries two
         *     signatures), so a receiver can switch to the new secret in its own time. A second
         *     rotation within the 24 hours drops the oldest secret. Admins only.
         */
        post: operations["rotateWebhookEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{endpoint_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        /**
         * List an endpoint's deliveries
         * @description The endpoint's delivery log, newest first: for each delivery of an event, its state
         *     (`pending`, `succeeded`, `failed`), how many attempts were made, what the last attempt
         *     got (status code, latency, error, the first 1,024 characters of the response body) and
         *     when the next attempt is due. Deliveries are kept as long as their event (30 days).
         *     Admins only.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        /**
         * Redeliver an event
         * @description Queues a new delivery of one of the organization's events to this endpoint, due at
         *     once, with its own retry schedule; the event keeps its id, so `webhook-id` is the same
         *     as before: a receiver that already handled that id drops it as the duplicate it is, so
         *     redeliver what your side lost or failed to handle. Any event the change feed still holds
         *     and the endpoint subscribes to may be redelivered (another type:
         *     `409 event_type_not_subscribed`). While a redelivery of the event to the endpoint is
         *     pending, asking again answers that delivery rather than queueing another; an event is
         *     redelivered to one endpoint at most 5 times (`409 redelivery_limit_reached`), and an
         *     endpoint takes at most 100 redeliveries an hour (`429` with `Retry-After`). The
         *     endpoint must be enabled. Admins only.
         */
        post: operations["redeliverWebhookEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{endpoint_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description Queues a `webhook_endpoint.ping` to this endpoint, due at once (or when a pause ends),
         *     and answers its delivery: a receiver can be checked before any group changes. Pings
         *     are not in the change feed. At most 100 an hour per endpoint, redeliveries included
         *     (`429` with `Retry-After`). The endpoint must be enabled. Admins only.
         */
        post: operations["sendWebhookTestEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = {
    "group.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A group was created
         * @description A group was created, with its first members. Sent to every enabled endpoint subscribed to `group.created`, signed as Standard
         *     Webhooks (see Webhook delivery); the body is the event exactly as the change feed lists it.
         */
        post: operations["onGroupCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "group.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A group was updated
         * @description A group's name, description or privacy changed. Sent to every enabled endpoint subscribed to `group.updated`, signed as Standard
         *     Webhooks (see Webhook delivery); the body is the event exactly as the change feed lists it.
         */
        post: operations["onGroupUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "group.deleted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A group was deleted
         * @description A group was deleted; `data` holds its name and members as they were. Sent to every enabled endpoint subscribed to `group.deleted`, signed as Standard
         *     Webhooks (see Webhook delivery); the body is the event exactly as the change feed lists it.
         */
        post: operations["onGroupDeleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "group.members_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Members joined or left a group
         * @description Members joined or left a group, in one change. Sent to every enabled endpoint subscribed to `group.members_changed`, signed as Standard
         *     Webhooks (see Webhook delivery); the body is the event exactly as the change feed lists it.
         */
        post: operations["onGroupMembersChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook_endpoint.paused": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An endpoint has been paused for 15 minutes
         * @description One of the organization's endpoints has failed for 15 minutes and is paused (see Pacing and pausing). Sent to every enabled endpoint subscribed to `webhook_endpoint.paused` but the one it is about, signed as Standard
         *     Webhooks (see Webhook delivery); the body is the event exactly as the change feed lists it.
         */
        post: operations["onWebhookEndpointPaused"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook_endpoint.resumed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A paused endpoint answers again
         * @description An endpoint that `webhook_endpoint.paused` was sent about answered a probe. Sent to every enabled endpoint subscribed to `webhook_endpoint.resumed` but the one it is about, signed as Standard
         *     Webhooks (see Webhook delivery); the body is the event exactly as the change feed lists it.
         */
        post: operations["onWebhookEndpointResumed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook_endpoint.disabled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An endpoint was disabled for failing
         * @description One of the organization's endpoints failed for the whole retry schedule and is disabled. Sent to every enabled endpoint subscribed to `webhook_endpoint.disabled` but the one it is about, signed as Standard
         *     Webhooks (see Webhook delivery); the body is the event exactly as the change feed lists it.
         */
        post: operations["onWebhookEndpointDisabled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook_endpoint.ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A ping to check a receiver
         * @description A new endpoint gets one at once, and `POST /api/v1/webhook-endpoints/{endpoint_id}/test` sends another. Sent to that one endpoint, whatever it subscribes to, signed as Standard Webhooks (see
         *     Webhook delivery).
         */
        post: operations["onWebhookEndpointPing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type components = {
    schemas: {
        /**
         * @description A group id, `grp_` followed by URL-safe characters.
         * @example grp_abc123
         */
        GroupId: string;
        /**
         * @description A user id, `usr_` followed by URL-safe characters.
         * @example usr_athlete1
         */
        UserId: string;
        /**
         * @description An organization id, `org_` followed by URL-safe characters.
         * @example org_xyz789
         */
        OrganizationId: string;
        /** @description An activity id, `act_` followed by URL-safe characters. */
        ActivityId: string;
        /** @description An audit event id, `aud_` followed by URL-safe characters. */
        AuditEventId: string;
        /** @description An opaque pagination cursor. */
        PageToken: string;
        /**
         * @description An IANA timezone name.
         * @example America/New_York
         */
        TimeZone: string;
        /**
         * @description Stored trimmed and in Unicode NFC; 1 to 100 characters after trimming, counted as
         *     Unicode code points (an emoji is one). No control characters (`\p{Cc}`: U+0000–U+001F,
         *     U+007F–U+009F) and no bidirectional controls (U+202A–U+202E, U+2066–U+2069); a name
         *     must have a visible character (one made only of spaces or default-ignorable
         *     characters such as U+200B is a `400`).
         *
         *     Unique within the organization: two names are the same when they are equal after
         *     trimming, Unicode NFKC, removing default-ignorable code points (zero-width space,
         *     joiners, U+FEFF, …), collapsing whitespace runs to one space and lower-casing. So
         *     `Marathon\u200B Block A` and `ＭARATHON  block a` clash with `Marathon Block A`
         *     (`409 group_name_taken`). Lists are ordered by this key.
         */
        GroupName: string;
        /**
         * @description What the group is for: at most 1000 characters counted as Unicode code points; no
         *     control characters (`\p{Cc}`) other than newline and tab.
         */
        GroupDescription: string;
        /**
         * @description `private` groups are visible to admins, coaches, the owner and members only.
         * @enum {string}
         */
        Privacy: "public" | "private";
        /** @description User ids of active users of the organization, without duplicates. */
        MemberList: components["schemas"]["UserId"][];
        CreateGroupRequest: {
            name: components["schemas"]["GroupName"];
            user_id: components["schemas"]["UserId"];
            description?: components["schemas"]["GroupDescription"];
            /** @default public */
            privacy?: components["schemas"]["Privacy"];
            org_id?: components["schemas"]["OrganizationId"];
            members?: components["schemas"]["MemberList"];
        };
        UpdateGroupRequest: {
            name?: components["schemas"]["GroupName"];
            /** @description The new description (the rules of `GroupDescription`); `null` clears it. */
            description?: string | null;
            privacy?: components["schemas"]["Privacy"];
            /**
             * @description The full replacement member list: unique user ids, at most 1000. Users added by
             *     this list must be active users of the organization; a current member whose user
             *     became inactive may stay.
             */
            members?: components["schemas"]["UserId"][];
        };
        MutationResult: {
            group_id: components["schemas"]["GroupId"];
            /** @enum {string} */
            status: "success";
        };
        Group: {
            group_id: components["schemas"]["GroupId"];
            name: string;
            description: string | null;
            privacy: components["schemas"]["Privacy"];
            owner_id: components["schemas"]["UserId"];
            organization_id: components["schemas"]["OrganizationId"];
            /** @description Member user ids, sorted. */
            members: components["schemas"]["UserId"][];
            member_count: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        GroupList: {
            groups: components["schemas"]["Group"][];
            /** @description Number of groups in this page. */
            count: number;
            page_size: number;
            /** @description Pass as `page_token` for the next page; `null` on the last page. */
            next_page_token: components["schemas"]["PageToken"] | null;
            /** @description Total active athletes in the organization (coaches and admins only). */
            total_athletes?: number;
            /** @description Number of active athletes not assigned to any group (coaches and admins only). */
            unassigned_count?: number;
        };
        Activity: {
            activity_id: components["schemas"]["ActivityId"];
            user_id: components["schemas"]["UserId"];
            user_name: string;
            name: string | null;
            /** @example run */
            type: string;
            /** @example tempo */
            sub_type: string | null;
            /**
             * Format: date-time
             * @description Start time, UTC.
             */
            start_time: string;
            /**
             * Format: date
             * @description The athlete's local calendar date of the start.
             */
            start_date_local: string;
            /** @description Meters. */
            distance: number;
            /** @description Seconds. */
            duration: number;
            vdot_load: number | null;
            /** @description Training load score. */
            nexrex_ete_plus: number | null;
        };
        ActivityList: {
            activities: components["schemas"]["Activity"][];
            /** @description Number of activities in this page. */
            count: number;
            /** @description Pass as `page_token` (with the same filters) for the next page; `null` on the last page. */
            next_page_token: components["schemas"]["PageToken"] | null;
        };
        MemberDayStats: {
            /** @description Kilometers, 2 decimals. */
            distance: number;
            /** @description Minutes, 1 decimal. */
            duration: number;
            /** @description Sum of the day's VDOT load, 1 decimal. */
            vdot_load: number;
            /** @description Sum of the day's training load score, 1 decimal. */
            nexrex_ete_plus: number;
        };
        /** @description One local calendar day. Besides `date` and `formattedDate`, one key per active member with activity that day (the user id) holds that member's totals. */
        StatsDay: {
            /** Format: date */
            date: string;
            /**
             * Format: date
             * @description The same `YYYY-MM-DD` as `date`.
             */
            formattedDate: string;
        } & {
            [key: `usr_${string}`]: components["schemas"]["MemberDayStats"];
        };
        StatsSummary: {
            /** @description Total distance in meters across all members in the period, rounded to an integer. */
            total_distance: number;
            /** @description Total number of completed activities. */
            total_activities: number;
            /** @description Percentage (rounded) of active members who logged at least one activity in the period; 0 for a group without members. */
            engagement_rate: number;
        };
        GroupStats: {
            summary: components["schemas"]["StatsSummary"];
            /** @description One entry per local calendar day of the range, ascending, days without activity included. */
            history: components["schemas"]["StatsDay"][];
            /** @description Display name of every current active member, by user id. */
            member_names: {
                [key: `usr_${string}`]: string;
            };
            /** @enum {string} */
            range: "7d" | "14d" | "30d" | "60d" | "90d" | "custom";
            timezone: components["schemas"]["TimeZone"];
            /**
             * Format: date
             * @description First local date of the range.
             */
            from: string;
            /**
             * Format: date
             * @description Last local date of the range.
             */
            to: string;
        };
        /**
         * @description One change of a group, told apart by `action`; `changes` is typed per action:
         *     `group.created` the initial `name`, `description`, `privacy` and `owner_id`;
         *     `group.updated` each changed field as `{ "before": …, "after": … }`; `group.deleted` a
         *     snapshot of `name` and `members`; `member.added` and `member.removed` name the member in
         *     `subject_user_id` and have `changes: null`.
         */
        AuditEvent: components["schemas"]["GroupCreatedEvent"] | components["schemas"]["GroupUpdatedEvent"] | components["schemas"]["GroupDeletedEvent"] | components["schemas"]["MemberAddedEvent"] | components["schemas"]["MemberRemovedEvent"];
        /** @description A group was created. */
        GroupCreatedEvent: {
            event_id: components["schemas"]["AuditEventId"];
            group_id: components["schemas"]["GroupId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "group.created";
            /** @description Always `null` for group events. */
            subject_user_id: null;
            /** @description The group as created. */
            changes: {
                name: string;
                description: string | null;
                privacy: components["schemas"]["Privacy"];
                owner_id: components["schemas"]["UserId"];
            };
            actor_id: components["schemas"]["UserId"];
            /** Format: date-time */
            created_at: string;
            /** @description The id of the request that made the change. */
            request_id: string | null;
        };
        /** @description Fields of a group changed. */
        GroupUpdatedEvent: {
            event_id: components["schemas"]["AuditEventId"];
            group_id: components["schemas"]["GroupId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "group.updated";
            /** @description Always `null` for group events. */
            subject_user_id: null;
            /** @description Each changed field with its value before and after the change. */
            changes: {
                name?: components["schemas"]["NameChange"];
                description?: components["schemas"]["DescriptionChange"];
                privacy?: components["schemas"]["PrivacyChange"];
            };
            actor_id: components["schemas"]["UserId"];
            /** Format: date-time */
            created_at: string;
            /** @description The id of the request that made the change. */
            request_id: string | null;
        };
        /** @description A group was deleted. */
        GroupDeletedEvent: {
            event_id: components["schemas"]["AuditEventId"];
            group_id: components["schemas"]["GroupId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "group.deleted";
            /** @description Always `null` for group events. */
            subject_user_id: null;
            /** @description A snapshot of the group when it was deleted. */
            changes: {
                name: string;
                members: components["schemas"]["MemberList"];
            };
            actor_id: components["schemas"]["UserId"];
            /** Format: date-time */
            created_at: string;
            /** @description The id of the request that made the change. */
            request_id: string | null;
        };
        /** @description A member joined the group. */
        MemberAddedEvent: {
            event_id: components["schemas"]["AuditEventId"];
            group_id: components["schemas"]["GroupId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "member.added";
            subject_user_id: components["schemas"]["UserId"];
            /** @description Always `null` for membership events. */
            changes: null;
            actor_id: components["schemas"]["UserId"];
            /** Format: date-time */
            created_at: string;
            /** @description The id of the request that made the change. */
            request_id: string | null;
        };
        /** @description A member left the group. */
        MemberRemovedEvent: {
            event_id: components["schemas"]["AuditEventId"];
            group_id: components["schemas"]["GroupId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "member.removed";
            subject_user_id: components["schemas"]["UserId"];
            /** @description Always `null` for membership events. */
            changes: null;
            actor_id: components["schemas"]["UserId"];
            /** Format: date-time */
            created_at: string;
            /** @description The id of the request that made the change. */
            request_id: string | null;
        };
        NameChange: {
            before: string;
            after: string;
        };
        DescriptionChange: {
            before: string | null;
            after: string | null;
        };
        PrivacyChange: {
            before: components["schemas"]["Privacy"];
            after: components["schemas"]["Privacy"];
        };
        AuditEventList: {
            events: components["schemas"]["AuditEvent"][];
            count: number;
            next_page_token: components["schemas"]["PageToken"] | null;
        };
        /** @description An event id, `evt_` followed by URL-safe characters. A redelivered or re-read event keeps it. */
        EventId: string;
        /** @description An opaque position in the change feed. */
        EventCursor: string;
        /**
         * @description A change of a group.
         * @enum {string}
         */
        EventType: "group.created" | "group.updated" | "group.deleted" | "group.members_changed";
        /**
         * @description A change in the health of one of the organization's webhook endpoints.
         * @enum {string}
         */
        EndpointEventType: "webhook_endpoint.paused" | "webhook_endpoint.resumed" | "webhook_endpoint.disabled";
        /**
         * @description A type of the change feed: a group's change (`group.*`), or a change in the health of one
         *     of the organization's webhook endpoints (`webhook_endpoint.*`, for admins, listed only
         *     when asked for by `types`).
         */
        FeedEventType: components["schemas"]["EventType"] | components["schemas"]["EndpointEventType"];
        /** @description What a delivery carries: an event of the change feed, or a `webhook_endpoint.ping`. */
        DeliveredEventType: components["schemas"]["EventType"] | components["schemas"]["EndpointEventType"] | "webhook_endpoint.ping";
        /**
         * @description The event's place among its subject's events, from 1: a group's events (`group.*`)
         *     without gaps; an endpoint's (`webhook_endpoint.*`) count its pings too, which are not in
         *     the feed, so that the feed may skip some of an endpoint's numbers.
         */
        EventSequence: number;
        /** @description The audit events (`GET /api/v1/groups/{group_id}/audit`) of the change this event tells. */
        AuditEventIds: components["schemas"]["AuditEventId"][];
        GroupCreatedData: {
            name: string;
            description: string | null;
            privacy: components["schemas"]["Privacy"];
            owner_id: components["schemas"]["UserId"];
            members: components["schemas"]["MemberList"];
            actor_id: components["schemas"]["UserId"];
            audit_event_ids: components["schemas"]["AuditEventIds"];
        };
        GroupUpdatedData: {
            /** @description Each changed field as `{ "before": …, "after": … }`; members change in `group.members_changed`. */
            changes: {
                name?: components["schemas"]["NameChange"];
                description?: components["schemas"]["DescriptionChange"];
                privacy?: components["schemas"]["PrivacyChange"];
            };
            actor_id: components["schemas"]["UserId"];
            audit_event_ids: components["schemas"]["AuditEventIds"];
        };
        GroupDeletedData: {
            name: string;
            members: components["schemas"]["MemberList"];
            actor_id: components["schemas"]["UserId"];
            audit_event_ids: components["schemas"]["AuditEventIds"];
        };
        GroupMembersChangedData: {
            added: components["schemas"]["MemberList"];
            removed: components["schemas"]["MemberList"];
            actor_id: components["schemas"]["UserId"];
            audit_event_ids: components["schemas"]["AuditEventIds"];
        };
        /** @description A group was created, with its first members. */
        GroupCreatedChangeEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "group.created";
            /** Format: date-time */
            created_at: string;
            org_id: components["schemas"]["OrganizationId"];
            group_id: components["schemas"]["GroupId"];
            sequence: components["schemas"]["EventSequence"];
            data: components["schemas"]["GroupCreatedData"];
        };
        /** @description A group's name, description or privacy changed. */
        GroupUpdatedChangeEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "group.updated";
            /** Format: date-time */
            created_at: string;
            org_id: components["schemas"]["OrganizationId"];
            group_id: components["schemas"]["GroupId"];
            sequence: components["schemas"]["EventSequence"];
            data: components["schemas"]["GroupUpdatedData"];
        };
        /** @description A group was deleted; `data` holds its name and members as they were. */
        GroupDeletedChangeEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "group.deleted";
            /** Format: date-time */
            created_at: string;
            org_id: components["schemas"]["OrganizationId"];
            group_id: components["schemas"]["GroupId"];
            sequence: components["schemas"]["EventSequence"];
            data: components["schemas"]["GroupDeletedData"];
        };
        /** @description Members joined or left a group, in one change. */
        GroupMembersChangedChangeEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "group.members_changed";
            /** Format: date-time */
            created_at: string;
            org_id: components["schemas"]["OrganizationId"];
            group_id: components["schemas"]["GroupId"];
            sequence: components["schemas"]["EventSequence"];
            data: components["schemas"]["GroupMembersChangedData"];
        };
        /**
         * Format: uri
         * @description The endpoint URL's scheme, host and port (`https://hooks.partner.example`), so that an
         *     admin knows which endpoint it is: the rest of a URL may be a credential (a chat
         *     service's incoming-webhook path, say) and goes to no other receiver.
         */
        WebhookEndpointOrigin: string;
        WebhookEndpointPausedData: {
            origin: components["schemas"]["WebhookEndpointOrigin"];
            /**
             * Format: date-time
             * @description When the endpoint was first paused in this outage.
             */
            paused_since: string;
            /**
             * Format: date-time
             * @description When the next probe is due.
             */
            paused_until: string;
            consecutive_failures: number;
            last_error: components["schemas"]["AttemptError"];
            /** @description The HTTP status the last attempt got; `null` when it got none. */
            last_status_code: number | null;
        };
        WebhookEndpointResumedData: {
            origin: components["schemas"]["WebhookEndpointOrigin"];
            /**
             * Format: date-time
             * @description When the outage's first pause began; the event's `created_at` is when a probe succeeded.
             */
            paused_since: string;
        };
        WebhookEndpointDisabledData: {
            origin: components["schemas"]["WebhookEndpointOrigin"];
            /** @constant */
            disabled_reason: "failing";
            /**
             * Format: date-time
             * @description Since when every attempt failed.
             */
            failing_since: string;
        };
        WebhookEndpointPingData: {
            url: components["schemas"]["WebhookUrl"];
            /**
             * @description `created`: the endpoint was just registered. `test`: an admin asked for it.
             * @enum {string}
             */
            reason: "created" | "test";
        };
        /** @description An endpoint of the organization has been paused for 15 minutes: its receiver is failing. */
        WebhookEndpointPausedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "webhook_endpoint.paused";
            /** Format: date-time */
            created_at: string;
            org_id: components["schemas"]["OrganizationId"];
            endpoint_id: components["schemas"]["WebhookEndpointId"];
            sequence: components["schemas"]["EventSequence"];
            data: components["schemas"]["WebhookEndpointPausedData"];
        };
        /** @description An endpoint that was paused for 15 minutes or more answered a probe: its waiting deliveries go out. */
        WebhookEndpointResumedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "webhook_endpoint.resumed";
            /** Format: date-time */
            created_at: string;
            org_id: components["schemas"]["OrganizationId"];
            endpoint_id: components["schemas"]["WebhookEndpointId"];
            sequence: components["schemas"]["EventSequence"];
            data: components["schemas"]["WebhookEndpointResumedData"];
        };
        /** @description An endpoint was disabled for failing; an admin enables it again (`status: enabled`). */
        WebhookEndpointDisabledEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "webhook_endpoint.disabled";
            /** Format: date-time */
            created_at: string;
            org_id: components["schemas"]["OrganizationId"];
            endpoint_id: components["schemas"]["WebhookEndpointId"];
            sequence: components["schemas"]["EventSequence"];
            data: components["schemas"]["WebhookEndpointDisabledData"];
        };
        /** @description A ping to one endpoint, to check its receiver: sent when it is registered and on `POST …/test`; not in the change feed. */
        WebhookEndpointPingEvent: {
            id: components["schemas"]["EventId"];
            /** @constant */
            type: "webhook_endpoint.ping";
            /** Format: date-time */
            created_at: string;
            org_id: components["schemas"]["OrganizationId"];
            endpoint_id: components["schemas"]["WebhookEndpointId"];
            sequence: components["schemas"]["EventSequence"];
            data: components["schemas"]["WebhookEndpointPingData"];
        };
        /**
         * @description One committed change of a group, told apart by `type`. The envelope (`id`, `type`,
         *     `created_at`, `org_id`, `group_id`, `sequence`) is the same for every type; `data` is
         *     typed per type.
         */
        ChangeEvent: components["schemas"]["GroupCreatedChangeEvent"] | components["schemas"]["GroupUpdatedChangeEvent"] | components["schemas"]["GroupDeletedChangeEvent"] | components["schemas"]["GroupMembersChangedChangeEvent"];
        /** @description A change in the health of one of the organization's webhook endpoints, told apart by `type`. */
        WebhookEndpointEvent: components["schemas"]["WebhookEndpointPausedEvent"] | components["schemas"]["WebhookEndpointResumedEvent"] | components["schemas"]["WebhookEndpointDisabledEvent"];
        /**
         * @description An event of the change feed: a group's change (with `group_id`), or a change in the
         *     health of a webhook endpoint (with `endpoint_id`, for admins who ask for
         *     `webhook_endpoint.*` types). Every event has `id`, `type`, `created_at`, `org_id` and
         *     `sequence`; `data` is typed per type.
         */
        FeedEvent: components["schemas"]["ChangeEvent"] | components["schemas"]["WebhookEndpointEvent"];
        EventPage: {
            events: components["schemas"]["FeedEvent"][];
            /** @description Where to read on (as `after`); on an empty page, the cursor that was sent. */
            next_cursor: components["schemas"]["EventCursor"];
            /** @description Whether more events are committed after this page already. */
            has_more: boolean;
        };
        /** @description A webhook endpoint id, `whe_` followed by URL-safe characters. */
        WebhookEndpointId: string;
        /** @description A delivery id, `whd_` followed by URL-safe characters. */
        WebhookDeliveryId: string;
        /**
         * Format: uri
         * @description Where events are sent, `https://…`; no user name or password in it.
         */
        WebhookUrl: string;
        /** @description The event types the endpoint receives; `null` (or absent on create), every type, also ones added later. */
        WebhookEventTypes: components["schemas"]["FeedEventType"][] | null;
        /** @description What the endpoint is for, for the admins who read the list. */
        WebhookDescription: string | null;
        /**
         * @description The signing secret: `whsec_` and base64 of 32 random bytes, as the
         *     [Standard Webhooks](https://www.standardwebhooks.com/) libraries take it.
         */
        WebhookSecret: string;
        /**
         * @description `enabled`: events are delivered. `disabled`: nothing is sent (see `disabled_reason`).
         * @enum {string}
         */
        WebhookEndpointStatus: "enabled" | "disabled";
        CreateWebhookEndpointRequest: {
            url: components["schemas"]["WebhookUrl"];
            event_types?: components["schemas"]["WebhookEventTypes"];
            description?: components["schemas"]["WebhookDescription"];
        };
        UpdateWebhookEndpointRequest: {
            url?: components["schemas"]["WebhookUrl"];
            event_types?: components["schemas"]["WebhookEventTypes"];
            description?: components["schemas"]["WebhookDescription"];
            status?: components["schemas"]["WebhookEndpointStatus"];
        };
        WebhookEndpoint: {
            id: components["schemas"]["WebhookEndpointId"];
            url: components["schemas"]["WebhookUrl"];
            description: components["schemas"]["WebhookDescription"];
            event_types: components["schemas"]["WebhookEventTypes"];
            status: components["schemas"]["WebhookEndpointStatus"];
            /**
             * @description Why a disabled endpoint is disabled: `disabled_by_admin`, or `failing` when every
             *     attempt failed for the whole retry schedule (about three days); `null` while enabled.
             */
            disabled_reason: ("disabled_by_admin" | "failing") | null;
            /**
             * Format: date-time
             * @description After a rotation, until when deliveries are also signed with the previous secret; else `null`.
             */
            previous_secret_expires_at: string | null;
            /**
             * Format: date-time
             * @description When a delivery to the endpoint last succeeded.
             */
            last_success_at: string | null;
            /**
             * Format: date-time
             * @description When an attempt to deliver to the endpoint last failed.
             */
            last_failure_at: string | null;
            /**
             * Format: date-time
             * @description Since when every attempt failed; `null` after a success and when an admin enables the endpoint.
             */
            failing_since: string | null;
            /**
             * @description Attempts in a row that found the endpoint unwell (a timeout, a connection or DNS
             *     failure, `429`, `5xx`); 5 pause it. An answer with any other status sets it to 0.
             */
            consecutive_failures: number;
            /**
             * Format: date-time
             * @description While the endpoint is paused: until when nothing is sent to it. Then one delivery
             *     probes it; an answer (any status but `429` or `5xx`) resumes it, a failure pauses it
             *     twice as long (up to an hour).
             *     `null` when it is not paused.
             */
            paused_until: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        WebhookEndpointCreated: {
            endpoint: components["schemas"]["WebhookEndpoint"];
            secret: components["schemas"]["WebhookSecret"];
        };
        WebhookEndpointList: {
            endpoints: components["schemas"]["WebhookEndpoint"][];
        };
        WebhookEndpointDeleted: {
            id: components["schemas"]["WebhookEndpointId"];
            /** @constant */
            deleted: true;
        };
        WebhookSecretRotation: {
            secret: components["schemas"]["WebhookSecret"];
            /**
             * Format: date-time
             * @description Until when deliveries are also signed with the secret this rotation replaced.
             */
            previous_secret_expires_at: string;
        };
        RedeliverRequest: {
            event_id: components["schemas"]["EventId"];
        };
        WebhookDelivery: {
            id: components["schemas"]["WebhookDeliveryId"];
            endpoint_id: components["schemas"]["WebhookEndpointId"];
            event_id: components["schemas"]["EventId"];
            event_type: components["schemas"]["DeliveredEventType"];
            /** @description Whether an admin asked for this delivery (redeliver) rather than the event's change. */
            redelivery: boolean;
            /**
             * @description `pending`: an attempt is due at `next_attempt_at` (or under way). `succeeded`: the
             *     endpoint answered 2xx. `failed`: every attempt of the retry schedule failed.
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed";
            /** @description Attempts made so far. */
            attempts: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            last_attempt_at: string | null;
            /** @description The HTTP status the last attempt got; `null` when it got none (see `last_error`). */
            last_status_code: number | null;
            /** @description How long the last attempt took, from connecting to the end of the answer. */
            last_latency_ms: number | null;
            last_error: components["schemas"]["AttemptError"];
            /** @description The first 1,024 characters of the last answer's body. */
            last_response_body: string | null;
            /**
             * Format: date-time
             * @description When the next attempt is due (for a paused endpoint, not before its pause ends);
             *     `null` once the delivery succeeded or failed.
             */
            next_attempt_at: string | null;
            /**
             * @description Why a pending delivery is not attempted although it is due: its endpoint is paused
             *     after consecutive failures (`endpoint_paused`) or disabled (`endpoint_disabled`);
             *     `null` otherwise.
             */
            waiting_for: ("endpoint_paused" | "endpoint_disabled") | null;
        };
        /**
         * @description Why the last attempt failed: `http_status` (not 2xx; redirects included, they are
         *     not followed), `timeout` (no answer within 10 s), `connection_failed`, `dns_failed`,
         *     `blocked_address` (the name resolved to a non-public address); `null` after a success.
         */
        AttemptError: ("http_status" | "timeout" | "connection_failed" | "dns_failed" | "blocked_address") | null;
        WebhookDeliveryList: {
            deliveries: components["schemas"]["WebhookDelivery"][];
            /** @description Number of deliveries in this page. */
            count: number;
            /** @description Pass as `page_token` for the next page; `null` on the last page. */
            next_page_token: components["schemas"]["PageToken"] | null;
        };
        /**
         * @description An RFC 9457 problem detail. As RFC 9457 allows, a problem may carry extension members
         *     besides these; clients ignore the ones they do not know.
         */
        Problem: {
            /**
             * Format: uri-reference
             * @description A URI identifying the problem type.
             */
            type: string;
            /** @description A short summary of the problem type. */
            title: string;
            /** @description The HTTP status code. */
            status: number;
            /** @description What went wrong with this request. */
            detail: string;
            /** @description The request path. */
            instance?: string;
            code: components["schemas"]["ProblemCode"];
            /** @description Each invalid input, for `validation_error`. */
            errors?: components["schemas"]["ProblemFieldError"][];
            request_id: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description A stable, machine-readable error code; safe to branch on. New codes may be added in a
         *     minor version, so handle an unknown one like its HTTP status.
         * @enum {string}
         */
        ProblemCode: "validation_error" | "bad_request" | "unauthorized" | "forbidden" | "not_found" | "group_not_found" | "method_not_allowed" | "not_acceptable" | "request_timeout" | "group_name_taken" | "idempotency_key_in_use" | "precondition_failed" | "payload_too_large" | "unsupported_media_type" | "idempotency_key_reused" | "cursor_expired" | "webhook_endpoint_not_found" | "event_not_found" | "webhook_endpoint_limit_reached" | "webhook_endpoint_disabled" | "event_type_not_subscribed" | "redelivery_limit_reached" | "too_many_requests" | "request_header_fields_too_large" | "internal_error" | "service_unavailable";
        ProblemFieldError: {
            /** @description Where the invalid input is, e.g. `/body/members/2` or `/query/page_size`. */
            path: string;
            message: string;
        };
    };
    responses: {
        /** @description Validation error — missing or invalid fields. */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing or invalid authentication. */
        Unauthorized: {
            headers: {
                /**
                 * @description The RFC 6750 challenge: `Bearer` when the request carried no bearer token,
                 *     `Bearer error="invalid_token", error_description="…"` when its token was refused.
                 */
                "WWW-Authenticate": string;
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Access denied: not a group member, coach or admin; or an athlete adding or removing a
         *     member other than themselves (membership is staff's to manage).
         */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Group not found (also for a group of another organization). */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The cursor points to events older than the feed keeps (30 days). */
        CursorExpired: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflict — a group with this name already exists. */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Conflict: a group with this name already exists (`group_name_taken`), or a request with
         *     this `Idempotency-Key` is still being processed (`idempotency_key_in_use`, with
         *     `Retry-After`: retry after it to get that request's answer).
         */
        CreateConflict: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The group changed since the caller read it: its `ETag` no longer matches `If-Match`.
         *     Nothing was applied; read the group again and retry.
         */
        PreconditionFailed: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description This `Idempotency-Key` was used within the last 24 hours for a create with another body.
         *     Use a new key for a new create.
         */
        IdempotencyKeyReused: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is larger than the service accepts. */
        PayloadTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is not `application/json`. */
        UnsupportedMediaType: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Internal server error. No internal detail is exposed; quote `request_id` to support. */
        InternalError: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The request body did not arrive within the service's request deadline (a client that
         *     sends too slowly); the connection is closed.
         */
        RequestTimeout: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The caller used up its request budget for the current window (per IP address before
         *     authentication, per user after it). Retry after the number of seconds in `Retry-After`.
         */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description A transient failure: the service cannot reach its database, the database did not answer
         *     in time or is busy, the identity provider's signing keys cannot be fetched, or the service
         *     is starting or shutting down. Retry after the number of seconds in `Retry-After`.
         */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Webhook endpoints are for the organization's admins; coaches and athletes get `403`. */
        AdminsOnly: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description No such endpoint (`webhook_endpoint_not_found`; also another organization's); for a
         *     redelivery, no such event in the feed (`event_not_found`; also one past the 30 days).
         */
        WebhookNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The organization has 16 webhook endpoints already (`webhook_endpoint_limit_reached`). */
        WebhookEndpointLimit: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The endpoint is disabled (`webhook_endpoint_disabled`; enable it first), does not
         *     subscribe to the event's type (`event_type_not_subscribed`), or has had this event
         *     redelivered 5 times (`redelivery_limit_reached`).
         */
        RedeliveryRefused: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The endpoint is disabled (`webhook_endpoint_disabled`); enable it first. */
        WebhookEndpointDisabled: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The unique group identifier. */
        GroupId: components["schemas"]["GroupId"];
        /** @description Number of items to return (1–100). */
        PageSize: number;
        /**
         * @description The `ETag` of the group as the caller last read it (or `*` for any existing version;
         *     several comma-separated tags match any of them). When the group is at another version
         *     the request answers `412 precondition_failed` and changes nothing. Weak tags (`W/"…"`)
         *     never match: the comparison is strong. The group is looked up and access checked first:
         *     a group that does not exist (or belongs to another organization) is `404`, one the
         *     caller may not change `403`, whatever `If-Match` says.
         * @example "v3"
         */
        IfMatch: string;
        /**
         * @description A unique value per intended create, such as a UUID, as a structured-field string
         *     (`"…"`) or bare; printable ASCII, at most 200 characters. See "Idempotent creates".
         * @example "8e03978e-40d5-43e8-bc93-6894a57f9324"
         */
        IdempotencyKey: string;
        /**
         * @description `me`: only the groups the caller is a member of, whatever the caller's role. Absent:
         *     the default list described above.
         */
        MemberFilter: "me";
        /** @description The `next_page_token` of the previous page. */
        PageToken: components["schemas"]["PageToken"];
        /** @description The `next_cursor` of the previous page; absent, the feed starts at its oldest kept event. */
        EventsAfter: components["schemas"]["EventCursor"];
        /**
         * @description Only events of these types, comma-separated (`group.created,group.deleted`); absent,
         *     every `group.*` type. An admin lists the organization's `webhook_endpoint.*` events by
         *     naming them here (a coach gets none).
         */
        EventTypes: components["schemas"]["FeedEventType"][];
        /** @description Most events on the page (1–100). */
        EventsLimit: number;
        /** @description The webhook endpoint's id. */
        WebhookEndpointId: components["schemas"]["WebhookEndpointId"];
        /** @description The event's `id`, the same on every attempt and redelivery: the receiver's key to drop duplicates. */
        WebhookIdHeader: components["schemas"]["EventId"];
        /** @description When this attempt was signed, in whole seconds since the Unix epoch; refuse one more than 5 minutes away from your clock. */
        WebhookTimestampHeader: string;
        /**
         * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}`
         *     with the endpoint's secret; two during the 24 hours after a rotation (new and old secret).
         */
        WebhookSignatureHeader: string;
        /** @description Number of activities to return (1–100). */
        Limit: number;
        /** @description Inclusive start date filter (`YYYY-MM-DD`) on the athlete's local start date. */
        StartDate: string;
        /** @description Inclusive end date filter (`YYYY-MM-DD`) on the athlete's local start date; not before `start_date`. */
        EndDate: string;
        /** @description Comma-separated list of activity sub-types to filter (e.g. `easy-run,tempo`); spaces around commas are tolerated. */
        SubType: string;
        /** @description Preset range: the last 7, 14, 30, 60 or 90 local calendar days including today, or `custom` with `from_ts` and `to_ts`. */
        StatsRange: "7d" | "14d" | "30d" | "60d" | "90d" | "custom";
        /** @description Unix timestamp (seconds) of the range start. Required when `range=custom`, not allowed otherwise. */
        FromTs: number;
        /** @description Unix timestamp (seconds) of the range end, inclusive. Required when `range=custom`, not allowed otherwise. */
        ToTs: number;
        /**
         * @description IANA timezone for date bucketing (e.g. `America/New_York`), matched case-insensitively.
         *     Defaults to the caller's profile timezone, else UTC. An unknown name is a `400`. The
         *     response's `timezone` is the zone's canonical name in its canonical case
         *     (`america/new_york` answers `America/New_York`); a link (alias) such as `US/Eastern` or
         *     `Asia/Kolkata` is bucketed as the zone it links to and echoed as sent.
         */
        Timezone: components["schemas"]["TimeZone"];
    };
    requestBodies: never;
    headers: {
        /**
         * @description The request's id: the caller's `X-Request-Id` when it is 1–100 characters of
         *     `[A-Za-z0-9._:-]`, else a new UUID. Also `request_id` in problems and in the audit log;
         *     quote it to support.
         * @example 3f6c1a52-9b7e-4c55-8a43-0d4f1f6a2b7e
         */
        "X-Request-Id": string;
        /**
         * @description The group's version as a strong entity tag ([RFC 9110](https://www.rfc-editor.org/rfc/rfc9110#name-etag)),
         *     for `If-Match` on a later update or delete. Opaque: compare it, do not parse it.
         * @example "v3"
         */
        ETag: string;
        /** @description `true` when this answer repeats the first answer to the same `Idempotency-Key`. */
        "Idempotent-Replayed": "true";
        /**
         * @description Whole seconds to wait before retrying ([RFC 9110](https://www.rfc-editor.org/rfc/rfc9110#name-retry-after)).
         * @example 1
         */
        "Retry-After": number;
        /**
         * @description What is left of each budget that applies to the request, one list item per policy
         *     (`ip`, `user`): `r` requests remaining, `t` seconds until the window resets
         *     ([IETF draft-ietf-httpapi-ratelimit-headers-08](https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/)).
         *     Sent on every API response while rate limiting is on.
         * @example "ip"; r=598; t=42, "user"; r=0; t=42
         */
        RateLimit: string;
        /**
         * @description The budgets that apply, one list item per policy: `q` requests per window of `w`
         *     seconds, `pk` an opaque partition key. Sent on every API response while rate limiting is on.
         * @example "ip"; q=600; w=60; pk=:MmI4YjY4ZGI4ZDc2:, "user"; q=300; w=60; pk=:ZjU0MjU4YzI2NzJj:
         */
        "RateLimit-Policy": string;
    };
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    listGroups: {
        parameters: {
            query?: {
                /** @description Number of items to return (1–100). */
                page_size?: components["parameters"]["PageSize"];
                /** @description The `next_page_token` of the previous page. */
                page_token?: components["parameters"]["PageToken"];
                /**
                 * @description `me`: only the groups the caller is a member of, whatever the caller's role. Absent:
                 *     the default list described above.
                 */
                member?: components["parameters"]["MemberFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of groups. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createGroup: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique value per intended create, such as a UUID, as a structured-field string
                 *     (`"…"`) or bare; printable ASCII, at most 200 characters. See "Idempotent creates".
                 * @example "8e03978e-40d5-43e8-bc93-6894a57f9324"
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGroupRequest"];
            };
        };
        responses: {
            /** @description The group was created (or, for a replayed `Idempotency-Key`, had been). */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MutationResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["CreateConflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The unique group identifier. */
                group_id: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateGroup: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of the group as the caller last read it (or `*` for any existing version;
                 *     several comma-separated tags match any of them). When the group is at another version
                 *     the request answers `412 precondition_failed` and changes nothing. Weak tags (`W/"…"`)
                 *     never match: the comparison is strong. The group is looked up and access checked first:
                 *     a group that does not exist (or belongs to another organization) is `404`, one the
                 *     caller may not change `403`, whatever `If-Match` says.
                 * @example "v3"
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description The unique group identifier. */
                group_id: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateGroupRequest"];
            };
        };
        responses: {
            /** @description The group was updated. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MutationResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteGroup: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of the group as the caller last read it (or `*` for any existing version;
                 *     several comma-separated tags match any of them). When the group is at another version
                 *     the request answers `412 precondition_failed` and changes nothing. Weak tags (`W/"…"`)
                 *     never match: the comparison is strong. The group is looked up and access checked first:
                 *     a group that does not exist (or belongs to another organization) is `404`, one the
                 *     caller may not change `403`, whatever `If-Match` says.
                 * @example "v3"
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description The unique group identifier. */
                group_id: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group was deleted. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MutationResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listGroupActivities: {
        parameters: {
            query?: {
                /** @description Number of activities to return (1–100). */
                limit?: components["parameters"]["Limit"];
                /** @description Inclusive start date filter (`YYYY-MM-DD`) on the athlete's local start date. */
                start_date?: components["parameters"]["StartDate"];
                /** @description Inclusive end date filter (`YYYY-MM-DD`) on the athlete's local start date; not before `start_date`. */
                end_date?: components["parameters"]["EndDate"];
                /** @description Comma-separated list of activity sub-types to filter (e.g. `easy-run,tempo`); spaces around commas are tolerated. */
                sub_type?: components["parameters"]["SubType"];
                /** @description The `next_page_token` of the previous page. */
                page_token?: components["parameters"]["PageToken"];
            };
            header?: never;
            path: {
                /** @description The unique group identifier. */
                group_id: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of activities. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getGroupStats: {
        parameters: {
            query?: {
                /** @description Preset range: the last 7, 14, 30, 60 or 90 local calendar days including today, or `custom` with `from_ts` and `to_ts`. */
                range?: components["parameters"]["StatsRange"];
                /** @description Unix timestamp (seconds) of the range start. Required when `range=custom`, not allowed otherwise. */
                from_ts?: components["parameters"]["FromTs"];
                /** @description Unix timestamp (seconds) of the range end, inclusive. Required when `range=custom`, not allowed otherwise. */
                to_ts?: components["parameters"]["ToTs"];
                /**
                 * @description IANA timezone for date bucketing (e.g. `America/New_York`), matched case-insensitively.
                 *     Defaults to the caller's profile timezone, else UTC. An unknown name is a `400`. The
                 *     response's `timezone` is the zone's canonical name in its canonical case
                 *     (`america/new_york` answers `America/New_York`); a link (alias) such as `US/Eastern` or
                 *     `Asia/Kolkata` is bucketed as the zone it links to and echoed as sent.
                 */
                timezone?: components["parameters"]["Timezone"];
            };
            header?: never;
            path: {
                /** @description The unique group identifier. */
                group_id: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group's stats over the range. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupStats"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listGroupAuditEvents: {
        parameters: {
            query?: {
                /** @description Number of items to return (1–100). */
                page_size?: components["parameters"]["PageSize"];
                /** @description The `next_page_token` of the previous page. */
                page_token?: components["parameters"]["PageToken"];
            };
            header?: never;
            path: {
                /** @description The unique group identifier. */
                group_id: components["parameters"]["GroupId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of audit events. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; absent, the feed starts at its oldest kept event. */
                after?: components["parameters"]["EventsAfter"];
                /**
                 * @description Only events of these types, comma-separated (`group.created,group.deleted`); absent,
                 *     every `group.*` type. An admin lists the organization's `webhook_endpoint.*` events by
                 *     naming them here (a coach gets none).
                 */
                types?: components["parameters"]["EventTypes"];
                /** @description Most events on the page (1–100). */
                limit?: components["parameters"]["EventsLimit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            410: components["responses"]["CursorExpired"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organization's endpoints. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["AdminsOnly"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The endpoint, enabled, and its signing secret. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["AdminsOnly"];
            409: components["responses"]["WebhookEndpointLimit"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["AdminsOnly"];
            404: components["responses"]["WebhookNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The endpoint as it is now. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["AdminsOnly"];
            404: components["responses"]["WebhookNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointDeleted"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["AdminsOnly"];
            404: components["responses"]["WebhookNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    rotateWebhookEndpointSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret, and until when the old one still signs. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecretRotation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["AdminsOnly"];
            404: components["responses"]["WebhookNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Number of items to return (1–100). */
                page_size?: components["parameters"]["PageSize"];
                /** @description The `next_page_token` of the previous page. */
                page_token?: components["parameters"]["PageToken"];
            };
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["AdminsOnly"];
            404: components["responses"]["WebhookNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    redeliverWebhookEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RedeliverRequest"];
            };
        };
        responses: {
            /** @description The new delivery, pending. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["AdminsOnly"];
            404: components["responses"]["WebhookNotFound"];
            409: components["responses"]["RedeliveryRefused"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    sendWebhookTestEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ping's delivery, pending. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["AdminsOnly"];
            404: components["responses"]["WebhookNotFound"];
            409: components["responses"]["WebhookEndpointDisabled"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    onGroupCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's `id`, the same on every attempt and redelivery: the receiver's key to drop duplicates. */
                "webhook-id": components["parameters"]["WebhookIdHeader"];
                /** @description When this attempt was signed, in whole seconds since the Unix epoch; refuse one more than 5 minutes away from your clock. */
                "webhook-timestamp": components["parameters"]["WebhookTimestampHeader"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}`
                 *     with the endpoint's secret; two during the 24 hours after a rotation (new and old secret).
                 */
                "webhook-signature": components["parameters"]["WebhookSignatureHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupCreatedChangeEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx answer within 10 seconds ends the delivery. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `429`). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `503`). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onGroupUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's `id`, the same on every attempt and redelivery: the receiver's key to drop duplicates. */
                "webhook-id": components["parameters"]["WebhookIdHeader"];
                /** @description When this attempt was signed, in whole seconds since the Unix epoch; refuse one more than 5 minutes away from your clock. */
                "webhook-timestamp": components["parameters"]["WebhookTimestampHeader"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}`
                 *     with the endpoint's secret; two during the 24 hours after a rotation (new and old secret).
                 */
                "webhook-signature": components["parameters"]["WebhookSignatureHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupUpdatedChangeEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx answer within 10 seconds ends the delivery. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `429`). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `503`). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onGroupDeleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's `id`, the same on every attempt and redelivery: the receiver's key to drop duplicates. */
                "webhook-id": components["parameters"]["WebhookIdHeader"];
                /** @description When this attempt was signed, in whole seconds since the Unix epoch; refuse one more than 5 minutes away from your clock. */
                "webhook-timestamp": components["parameters"]["WebhookTimestampHeader"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}`
                 *     with the endpoint's secret; two during the 24 hours after a rotation (new and old secret).
                 */
                "webhook-signature": components["parameters"]["WebhookSignatureHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupDeletedChangeEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx answer within 10 seconds ends the delivery. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `429`). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `503`). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onGroupMembersChanged: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's `id`, the same on every attempt and redelivery: the receiver's key to drop duplicates. */
                "webhook-id": components["parameters"]["WebhookIdHeader"];
                /** @description When this attempt was signed, in whole seconds since the Unix epoch; refuse one more than 5 minutes away from your clock. */
                "webhook-timestamp": components["parameters"]["WebhookTimestampHeader"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}`
                 *     with the endpoint's secret; two during the 24 hours after a rotation (new and old secret).
                 */
                "webhook-signature": components["parameters"]["WebhookSignatureHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupMembersChangedChangeEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx answer within 10 seconds ends the delivery. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `429`). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `503`). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onWebhookEndpointPaused: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's `id`, the same on every attempt and redelivery: the receiver's key to drop duplicates. */
                "webhook-id": components["parameters"]["WebhookIdHeader"];
                /** @description When this attempt was signed, in whole seconds since the Unix epoch; refuse one more than 5 minutes away from your clock. */
                "webhook-timestamp": components["parameters"]["WebhookTimestampHeader"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}`
                 *     with the endpoint's secret; two during the 24 hours after a rotation (new and old secret).
                 */
                "webhook-signature": components["parameters"]["WebhookSignatureHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointPausedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx answer within 10 seconds ends the delivery. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `429`). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `503`). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onWebhookEndpointResumed: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's `id`, the same on every attempt and redelivery: the receiver's key to drop duplicates. */
                "webhook-id": components["parameters"]["WebhookIdHeader"];
                /** @description When this attempt was signed, in whole seconds since the Unix epoch; refuse one more than 5 minutes away from your clock. */
                "webhook-timestamp": components["parameters"]["WebhookTimestampHeader"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}`
                 *     with the endpoint's secret; two during the 24 hours after a rotation (new and old secret).
                 */
                "webhook-signature": components["parameters"]["WebhookSignatureHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointResumedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx answer within 10 seconds ends the delivery. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `429`). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `503`). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onWebhookEndpointDisabled: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's `id`, the same on every attempt and redelivery: the receiver's key to drop duplicates. */
                "webhook-id": components["parameters"]["WebhookIdHeader"];
                /** @description When this attempt was signed, in whole seconds since the Unix epoch; refuse one more than 5 minutes away from your clock. */
                "webhook-timestamp": components["parameters"]["WebhookTimestampHeader"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}`
                 *     with the endpoint's secret; two during the 24 hours after a rotation (new and old secret).
                 */
                "webhook-signature": components["parameters"]["WebhookSignatureHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointDisabledEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx answer within 10 seconds ends the delivery. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `429`). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `503`). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onWebhookEndpointPing: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's `id`, the same on every attempt and redelivery: the receiver's key to drop duplicates. */
                "webhook-id": components["parameters"]["WebhookIdHeader"];
                /** @description When this attempt was signed, in whole seconds since the Unix epoch; refuse one more than 5 minutes away from your clock. */
                "webhook-timestamp": components["parameters"]["WebhookTimestampHeader"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}`
                 *     with the endpoint's secret; two during the 24 hours after a rotation (new and old secret).
                 */
                "webhook-signature": components["parameters"]["WebhookSignatureHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointPingEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx answer within 10 seconds ends the delivery. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `429`). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received; the delivery is retried on the schedule (after `Retry-After` on `503`). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
