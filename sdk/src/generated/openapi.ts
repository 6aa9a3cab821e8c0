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
         *     private ones). `members` is sorted by user id.
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
         */
        put: operations["updateGroup"];
        post?: never;
        /**
         * Delete a group
         * @description Permanently deletes a group and its memberships. The deletion is audit-logged as
         *     `group.deleted` with a snapshot of the name and members; the group's audit log stays
         *     readable to admins and coaches. Admins, coaches and the owner may delete a group.
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
         *     custom range covers at most 366 local calendar days in `timezone`, counting the local
         *     dates of `from_ts` and `to_ts` and every date between (so `history` never has more
         *     than 366 entries; a span of 366 × 24 hours touches 367 local dates, or 368 across a
         *     DST change, and is a `400`). Passing `from_ts` or `to_ts` with a preset is a `400`.
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
};
export type webhooks = Record<string, never>;
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
            privacy: components["schemas"]["Privacy"];
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
            [key: string]: components["schemas"]["MemberDayStats"];
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
                [key: string]: string;
            };
            /** @enum {string} */
            range: "7d" | "14d" | "30d" | "60d" | "90d" | "custom";
            /** @description The time zone the days are bucketed in, canonically cased (see the `timezone` parameter). */
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
        AuditEvent: {
            event_id: components["schemas"]["AuditEventId"];
            group_id: components["schemas"]["GroupId"];
            /** @enum {string} */
            action: "group.created" | "group.updated" | "group.deleted" | "member.added" | "member.removed";
            actor_id: components["schemas"]["UserId"];
            /** @description The member added or removed; `null` for group events. */
            subject_user_id: components["schemas"]["UserId"] | null;
            /**
             * @description `group.created`: the initial `name`, `description`, `privacy` and `owner_id`.
             *     `group.updated`: each changed field as `{ "before": …, "after": … }`.
             *     `group.deleted`: a snapshot of `name` and `members`. Otherwise `null`.
             */
            changes: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            created_at: string;
            /** @description The id of the request that made the change. */
            request_id: string | null;
        };
        AuditEventList: {
            events: components["schemas"]["AuditEvent"][];
            count: number;
            next_page_token: components["schemas"]["PageToken"] | null;
        };
        /** @description An RFC 9457 problem detail. */
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
            /** @description A stable, machine-readable error code. */
            code: string;
            /** @description Each invalid input, for `validation_error`. */
            errors?: components["schemas"]["ProblemFieldError"][];
            request_id: string;
        };
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
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing or invalid authentication. */
        Unauthorized: {
            headers: {
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
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Group not found (also for a group of another organization). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflict — a group with this name already exists. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is larger than the service accepts. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is not `application/json`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Internal server error. No internal detail is exposed; quote `request_id` to support. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The service cannot reach its database; retry later. */
        ServiceUnavailable: {
            headers: {
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
        /** @description The `next_page_token` of the previous page. */
        PageToken: components["schemas"]["PageToken"];
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
    headers: never;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGroupRequest"];
            };
        };
        responses: {
            /** @description The group was created. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MutationResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
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
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateGroup: {
        parameters: {
            query?: never;
            header?: never;
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
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteGroup: {
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
            /** @description The group was deleted. */
            200: {
                headers: {
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
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
