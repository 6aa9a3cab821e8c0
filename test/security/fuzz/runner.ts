// Turns a generated request into bytes on the wire, sends it, and judges the answer: by the
// spec (documented status, content type, schema), by the input's validity, and by the rules
// of docs/decisions.md. It also remembers what the answers say was created, for the final check
// of the database, and the page tokens the server issued, for later requests to reuse.
import { gzipSync } from 'node:zlib';
import type { Client, RawRequest, RawResponse } from './client.js';
import { selfPlaceholder, type BodySpec, type CallerName, type FuzzRequest, type QueryValue } from './generators.js';
import {
  acceptableDescription,
  acceptableName,
  bodyValidity,
  echoedZoneProblem,
  queryValidity,
  type Validity,
} from './oracle.js';
import { operationById, operations, schemaErrors, type Operation } from './spec-model.js';
import type { FuzzWorld } from './world.js';

interface IssuedToken {
  token: string;
  /** The request that received it, to replay with the token. */
  request: FuzzRequest;
  groupId: string | undefined;
}

interface Sent {
  raw: RawRequest;
  operation: Operation | undefined;
  groupId: string | undefined;
  callerId: string | undefined;
  /** invalid: the spec refuses the input (400); semantic: a token of another request (400, 403, 404). */
  validity: Validity | 'semantic';
  bodyRelated: boolean;
  body: unknown;
  query: Record<string, string | string[]>;
  /** The exact request that was handed a page token, sent again with it. */
  replay: boolean;
  /** The request as sent (a replay resolved to the request it repeats). */
  effective: FuzzRequest;
}

const problemSchema = { $ref: '#/components/schemas/Problem' };
const staff = new Set<CallerName>(['coach', 'admin', 'otherOrgCoach', 'otherOrgAdmin']);
const admins = new Set<CallerName>(['admin', 'otherOrgAdmin']);
const athletes = new Set<CallerName>(['owner', 'member', 'otherAthlete']);
const validCallers = new Set<CallerName>([...staff, ...athletes]);

// Lone surrogates cannot be percent-encoded; they travel as U+FFFD, as a browser sends them.
const wellFormed = (text: string) => text.replace(/\p{Surrogate}/gu, '\uFFFD');
const encode = (text: string) => encodeURIComponent(wellFormed(text));

export class FuzzRunner {
  readonly groups: { id: string; orgId: string }[] = [];
  /** Webhook endpoints the answers created, and which of them they deleted. */
  readonly endpoints: { id: string; orgId: string }[] = [];
  readonly deletedEndpoints = new Set<string>();
  readonly tokens: IssuedToken[] = [];
  readonly createdGroups = new Map<string, string>();
  readonly deletedGroups = new Set<string>();
  /** Request ids of the create, update and delete requests answered 200. */
  readonly mutations = new Set<string>();
  readonly statuses = new Map<string, number>();
  requests = 0;
  maxDurationMs = 0;
  private sequence = 0;

  constructor(
    private readonly client: Client,
    private readonly world: FuzzWorld,
  ) {}

  /** Sends a request and returns what it violated (empty when the answer keeps every rule). */
  async run(request: FuzzRequest): Promise<string[]> {
    const sent = this.materialize(request);
    const response = await this.client.send(sent.raw);
    this.requests += 1;
    this.maxDurationMs = Math.max(this.maxDurationMs, response.durationMs);
    const key = `${sent.operation?.operationId ?? 'off-spec'} ${response.status}`;
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
    const violations = this.judge(sent.effective, sent, response);
    return violations.map(
      (violation) =>
        `${violation}\n    request: ${sent.raw.method} ${sent.raw.path.slice(0, 300)} as ${sent.effective.caller}` +
        `${sent.raw.headers['Content-Type'] ? ` (${sent.raw.headers['Content-Type']})` : ''}` +
        `${sent.raw.headers['Content-Encoding'] ? ` (${sent.raw.headers['Content-Encoding']})` : ''}` +
        `${sent.raw.body ? ` body ${String(sent.raw.body).slice(0, 300)}` : ''}\n    answer: ${response.status} ${response.text.slice(0, 400)}`,
    );
  }

  /** A group the answers created or the setup made, by index (wrapping). */
  knownGroup(index: number): { id: string; orgId: string } | undefined {
    // Mostly a group that still exists; one in five of all, deleted ones included.
    const live = this.groups.filter((group) => !this.deletedGroups.has(group.id));
    const pool = index % 5 === 0 || live.length === 0 ? this.groups : live;
    return pool.length === 0 ? undefined : pool[Math.floor(index / 5) % pool.length];
  }

  private knownEndpoint(index: number): string {
    return this.endpoints.length === 0 ? 'whe_none' : this.endpoints[index % this.endpoints.length]!.id;
  }

  /** The caller's organization: the neighbour's callers act in theirs. */
  private organizationOf(caller: CallerName): string {
    return caller === 'otherOrgCoach' || caller === 'otherOrgAdmin' ? this.world.otherOrgId : this.world.orgId;
  }

  private materialize(request: FuzzRequest): Sent {
    if (request.replayToken !== undefined && this.tokens.length > 0) {
      const issued = this.tokens[request.replayToken % this.tokens.length]!;
      const replay: FuzzRequest = {
        ...issued.request,
        group: issued.groupId ? { raw: issued.groupId } : undefined,
        query: [...issued.request.query.filter(([name]) => name !== 'page_token'), ['page_token', issued.token]],
      };
      return { ...this.materialize(replay), replay: true };
    }
    const operation = operationById.get(request.operationId) ?? operations[0]!;
    const callerId = this.world.callerIds[request.caller];
    let validity: Validity | 'semantic' = 'valid';
    const worse = (next: Validity | 'semantic') => {
      const rank = { valid: 0, unknown: 1, semantic: 2, invalid: 3 };
      if (rank[next] > rank[validity]) validity = next;
    };

    // The path's id (a group's or a webhook endpoint's), kept as `groupId` for tenancy and tokens.
    let groupId: string | undefined;
    let path = operation.path;
    const pathParameter = operation.parameters.find((parameter) => parameter.in === 'path');
    if (request.group && pathParameter) {
      const endpoint = pathParameter.name === 'endpoint_id';
      const raw =
        'known' in request.group
          ? endpoint
            ? this.knownEndpoint(request.group.known)
            : (this.knownGroup(request.group.known)?.id ?? 'grp_none')
          : endpoint
            ? request.group.raw.replace(/^grp_/, 'whe_')
            : request.group.raw;
      groupId = wellFormed(raw);
      if (schemaErrors(pathParameter.schema, groupId)) worse('invalid');
      path = path.replace(`{${pathParameter.name}}`, encode(raw));
    }

    const query: Record<string, string | string[]> = {};
    const pairs: string[] = [];
    for (const [name, value] of request.query) {
      const parameter = operation.parameters.find((candidate) => candidate.name === name && candidate.in === 'query');
      const text = this.queryText(value, groupId, request, (tokenValidity) => worse(tokenValidity));
      query[name] = text;
      for (const one of Array.isArray(text) ? text : [text]) pairs.push(`${encode(name)}=${encode(one)}`);
      if (!parameter) worse('invalid');
      else worse(queryValidity(parameter.schema, Array.isArray(text) ? text : wellFormed(text)));
    }
    if (pairs.length > 0) path += `?${pairs.join('&')}`;
    if (request.variant === 'upperCasePath') path = path.replace('/api/v1/', '/api/V1/');

    const headers: Record<string, string> = { 'X-Request-Id': `fuzz-${(this.sequence += 1)}` };
    const authorization = this.world.authorization[request.caller];
    if (authorization) headers.Authorization = authorization;
    if (request.variant === 'hugeHeader') headers['X-Padding'] = 'a'.repeat(17 * 1024);

    let body: Buffer | string | undefined;
    let parsedBody: unknown;
    const bodyRelated = operation.body !== undefined && request.body !== undefined;
    if (operation.body && request.body) {
      const made = this.bodyBytes(request.body, callerId);
      body = made.bytes;
      parsedBody = made.value;
      Object.assign(headers, made.headers);
      worse(made.validity ?? bodyValidity(operation, made.value));
    }
    const method =
      request.variant === 'HEAD' || request.variant === 'PATCH' ? request.variant : operation.method.toUpperCase();
    return {
      raw: { method, path, headers, ...(body !== undefined ? { body } : {}) },
      operation: request.variant ? undefined : operation,
      groupId,
      callerId,
      validity,
      bodyRelated,
      body: parsedBody,
      query,
      replay: false,
      effective: request,
    };
  }

  private queryText(
    value: QueryValue,
    groupId: string | undefined,
    request: FuzzRequest,
    judge: (validity: Validity | 'semantic') => void,
  ): string | string[] {
    if (typeof value === 'string' || Array.isArray(value)) return value;
    const issued = this.tokens.length === 0 ? undefined : this.tokens[value.token % this.tokens.length]!;
    if (!issued) {
      judge('semantic');
      return 'x';
    }
    const sameRequest =
      issued.request.operationId === request.operationId &&
      issued.groupId === groupId &&
      issued.request.caller === request.caller &&
      JSON.stringify(issued.request.query.filter(([name]) => name !== 'page_token')) ===
        JSON.stringify(request.query.filter(([name]) => name !== 'page_token'));
    const token = issued.token;
    switch (value.tamper) {
      case 'asIs':
        // A token is bound to its operation and group: elsewhere it is a 400 (or 403/404 first).
        if (issued.request.operationId !== request.operationId || issued.groupId !== groupId) judge('semantic');
        else if (!sameRequest) judge('unknown');
        return token;
      case 'flip': {
        judge('semantic');
        const position = (value.token * 7) % token.length;
        return token.slice(0, position) + (token[position] === 'A' ? 'B' : 'A') + token.slice(position + 1);
      }
      case 'truncate':
        judge('semantic');
        return token.slice(0, Math.max(1, token.length - 5));
      case 'extraPart':
        judge('semantic');
        return `${token}.AAAA`;
      case 'forged':
        judge('semantic');
        return `${Buffer.from(JSON.stringify({ seq: 0, nameKey: '', id: '' })).toString('base64url')}.${token.split('.')[1] ?? 'x'}`;
    }
  }

  private bodyBytes(
    spec: BodySpec,
    callerId: string | undefined,
  ): { bytes?: Buffer | string; value?: unknown; headers: Record<string, string>; validity?: Validity } {
    const json = { 'Content-Type': 'application/json' };
    switch (spec.kind) {
      case 'json': {
        const value = replaceSelf(spec.value, callerId ?? this.world.users.otherAthlete);
        return {
          bytes: JSON.stringify(value),
          value,
          headers: { ...json, ...(spec.contentType ? { 'Content-Type': spec.contentType } : {}) },
        };
      }
      case 'raw':
        return {
          bytes: spec.text,
          headers: { 'Content-Type': spec.contentType ?? 'application/json' },
          validity: spec.mayBeValid ? 'unknown' : 'invalid',
        };
      case 'corruptGzip': {
        const gzip = gzipSync('{"name":"x"}');
        return {
          bytes: Buffer.concat([gzip.subarray(0, 12), Buffer.from([1, 2, 3, 4])]),
          headers: { ...json, 'Content-Encoding': 'gzip' },
          validity: 'invalid',
        };
      }
      case 'none':
        return { headers: {}, validity: 'invalid' };
      case 'hugeMembers': {
        const members = Array.from({ length: spec.count }, (_, i) => `usr_h${spec.distinct ? i : i % 500}`);
        const value = { name: 'Huge', user_id: callerId ?? this.world.users.coach, members };
        return { bytes: JSON.stringify(value), headers: json, validity: 'invalid' };
      }
    }
  }

  private judge(request: FuzzRequest, sent: Sent, response: RawResponse): string[] {
    const problems: string[] = [];
    const contentType = String(response.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    let body: unknown;
    if (response.text) {
      try {
        body = JSON.parse(response.text);
      } catch {
        problems.push(`the body is not JSON (content type ${contentType})`);
      }
    }
    const status = response.status;
    if (status >= 500) problems.push(`answered ${status}`);

    // Every answer, on or off the spec.
    if (request.variant === 'hugeHeader') {
      // Node's parser refuses it before the app: no request id to echo, no token looked at.
      if (status !== 431) problems.push(`headers over 16 kB answered ${status}, expected 431`);
      return [...problems, ...this.problemChecks(body, status, response, contentType, sent)];
    }
    if (response.headers['x-request-id'] !== sent.raw.headers['X-Request-Id'])
      problems.push(`X-Request-Id ${String(response.headers['x-request-id'])} does not echo the request's`);
    if (response.headers['x-content-type-options'] !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff');
    if (status === 401 && !/^Bearer\b/.test(String(response.headers['www-authenticate'] ?? '')))
      problems.push('401 without WWW-Authenticate: Bearer');
    if (status >= 400 && sent.raw.method !== 'HEAD')
      problems.push(...this.problemChecks(body, status, response, contentType, sent));

    const { operation } = sent;
    if (!validCallers.has(request.caller)) {
      if (status !== 401) problems.push(`caller ${request.caller} got ${status}, not 401`);
      return problems;
    }
    if (!operation) return [...problems, ...this.offSpecChecks(request, sent, status)];

    const documented = operation.responses[String(status)];
    if (!documented) return [...problems, `status ${status} is not documented for ${operation.operationId}`];
    const schema = documented[contentType];
    if (!schema) problems.push(`content type ${contentType} is not documented for ${operation.operationId} ${status}`);
    else {
      const errors = schemaErrors(schema, body);
      if (errors) problems.push(`the ${status} body breaks the spec: ${errors}`);
    }

    if (sent.replay && status === 400) problems.push('a page token the API issued was refused with the same request');
    const allowed = this.allowedStatuses(sent);
    if (allowed && !allowed.includes(status))
      problems.push(`${sent.validity} input answered ${status}, expected one of ${allowed.join(', ')}`);
    if (status === 200) problems.push(...this.successChecks(request, sent, body as Record<string, unknown>, response));
    return problems;
  }

  private problemChecks(
    body: unknown,
    status: number,
    response: RawResponse,
    contentType: string,
    sent: Sent,
  ): string[] {
    const problems: string[] = [];
    if (contentType !== 'application/problem+json') return [`error ${status} answered as ${contentType || 'nothing'}`];
    const errors = schemaErrors(problemSchema, body);
    if (errors) return [`the problem body breaks the spec: ${errors}`];
    const problem = body as { status: number; request_id: string; detail: string; code: string; errors?: unknown[] };
    if (problem.status !== status) problems.push(`problem status ${problem.status} differs from HTTP ${status}`);
    if (problem.request_id !== response.headers['x-request-id'])
      problems.push('problem request_id differs from X-Request-Id');
    if (problem.code === 'validation_error' && !(problem.errors?.length ?? 0))
      problems.push(`a validation error names no invalid input: ${JSON.stringify(problem.detail)}`);
    const internals = /\.[jt]s:\d+|\bat [\w.<>]+ \(|\bER_[A-Z_]{3,}\b|SQLITE_[A-Z]+|\bselect .* from\b|\bknex\b/i.exec(
      problem.detail + JSON.stringify(problem.errors ?? []),
    );
    if (internals && !`${sent.raw.path} ${String(sent.raw.body ?? '')}`.includes(internals[0]))
      problems.push(`the problem shows internals: ${internals[0]}`);
    return problems;
  }

  /** The statuses a request's input allows, where the test knows better than "documented". */
  private allowedStatuses(sent: Sent): number[] | undefined {
    if (sent.validity === 'invalid') return sent.bodyRelated ? [400, 413, 415] : [400];
    if (sent.validity === 'semantic') return [400, 403, 404];
    if (sent.validity === 'unknown') return undefined;
    // Tenancy: a group of another organization is not found, whoever asks and whatever the input.
    const group = this.groups.find((candidate) => candidate.id === sent.groupId);
    const callerOrg = this.organizationOf(sent.effective.caller);
    if (group && group.orgId !== callerOrg) return [400, 404];
    // Another organization's endpoint: not found, or forbidden to a caller who is no admin.
    const endpoint = this.endpoints.find((candidate) => candidate.id === sent.groupId);
    if (endpoint && endpoint.orgId !== callerOrg) return [400, 403, 404];
    return undefined;
  }

  private offSpecChecks(request: FuzzRequest, sent: Sent, status: number): string[] {
    // The body parser may refuse a broken body before the router refuses the method.
    const allowed = sent.raw.body === undefined ? [405] : [405, 400, 413, 415];
    if (request.variant === 'PATCH')
      return allowed.includes(status) ? [] : [`PATCH answered ${status}, expected ${allowed.join(' or ')}`];
    if (request.variant === 'upperCasePath')
      return status === 404 ? [] : [`an upper-case path answered ${status}, expected 404 (routes are case-sensitive)`];
    // HEAD is GET without a body; where there is no GET (rotate-secret, test), it is a method the path lacks.
    const get = operations.find(
      (operation) => operation.method === 'get' && operation.path === operationById.get(request.operationId)!.path,
    );
    if (!get) return status === 405 ? [] : [`HEAD answered ${status} where there is no GET, expected 405`];
    return get.responses[String(status)] ? [] : [`HEAD answered ${status}, not a status of ${get.operationId}`];
  }

  private successChecks(
    request: FuzzRequest,
    sent: Sent,
    body: Record<string, unknown>,
    response: RawResponse,
  ): string[] {
    const problems: string[] = [];
    const operationId = sent.operation!.operationId;
    const isStaff = staff.has(request.caller);
    const callerOrg = this.organizationOf(request.caller);
    if (/Webhook/.test(operationId) && !admins.has(request.caller))
      problems.push(`${request.caller}, no admin, was answered 200 by ${operationId}`);
    if (sent.raw.method === 'GET' && !/no-store/.test(String(response.headers['cache-control'] ?? '')))
      problems.push('a 200 GET without Cache-Control: no-store');
    const input = (sent.body ?? {}) as Record<string, unknown>;
    const requestId = String(response.headers['x-request-id']);

    switch (operationId) {
      case 'createGroup': {
        this.mutations.add(requestId);
        const id = String(body.group_id);
        this.createdGroups.set(id, callerOrg);
        this.groups.push({ id, orgId: callerOrg });
        if (sent.body !== undefined && !acceptableName(input.name))
          problems.push(`created a group named ${JSON.stringify(input.name)}`);
        if (!acceptableDescription(input.description))
          problems.push(`accepted the description ${JSON.stringify(input.description)}`);
        if (!isStaff) {
          const members = (input.members as string[] | undefined) ?? [];
          if (input.user_id !== sent.callerId) problems.push('an athlete created a group owned by someone else');
          if (members.some((member) => member !== sent.callerId))
            problems.push(`an athlete created a group with members ${JSON.stringify(members)}`);
        }
        break;
      }
      case 'updateGroup':
        this.mutations.add(requestId);
        if ('name' in input && !acceptableName(input.name))
          problems.push(`renamed a group to ${JSON.stringify(input.name)}`);
        if (!acceptableDescription(input.description))
          problems.push(`accepted the description ${JSON.stringify(input.description)}`);
        break;
      case 'deleteGroup':
        this.mutations.add(requestId);
        this.deletedGroups.add(sent.groupId!);
        break;
      case 'getGroup':
        if (body.organization_id !== callerOrg) problems.push('a group of another organization was read');
        if (
          !isStaff &&
          body.privacy !== 'public' &&
          body.owner_id !== sent.callerId &&
          !(body.members as string[]).includes(sent.callerId!)
        )
          problems.push('an athlete read a private group they neither own nor belong to');
        break;
      case 'listGroups': {
        const groups = body.groups as { owner_id: string; organization_id: string; members: string[] }[];
        if (groups.some((group) => group.organization_id !== callerOrg))
          problems.push("listed another organization's group");
        // `member=me`: the groups the caller belongs to, for anyone; else athletes see what they own.
        if (sent.query.member === 'me') {
          if (groups.some((group) => !group.members.includes(sent.callerId!)))
            problems.push('member=me listed a group the caller does not belong to');
        } else if (!isStaff && groups.some((group) => group.owner_id !== sent.callerId))
          problems.push('an athlete listed a group they do not own');
        if (!isStaff && ('total_athletes' in body || 'unassigned_count' in body))
          problems.push('an athlete saw the summary fields');
        if (isStaff && !('total_athletes' in body)) problems.push('staff did not get the summary fields');
        problems.push(...pageChecks(body, 'groups', sent.query.page_size));
        if (typeof sent.query.page_size === 'string' && body.page_size !== Number(sent.query.page_size))
          problems.push(`page_size ${JSON.stringify(body.page_size)} does not echo ${sent.query.page_size}`);
        break;
      }
      case 'listGroupActivities':
        problems.push(...pageChecks(body, 'activities', sent.query.limit));
        break;
      case 'listGroupAuditEvents':
        problems.push(...pageChecks(body, 'events', sent.query.page_size));
        break;
      case 'listEvents': {
        if (!isStaff) problems.push('an athlete read the change feed');
        const events = body.events as { org_id: string; type: string }[];
        if (events.some((event) => event.org_id !== callerOrg)) problems.push("read another organization's events");
        if (typeof sent.query.types === 'string') {
          const wanted = new Set(sent.query.types.split(','));
          if (events.some((event) => !wanted.has(event.type))) problems.push('an event of a type not asked for');
        }
        break;
      }
      case 'createWebhookEndpoint': {
        const created = body as { endpoint: { id: string }; secret: string };
        this.endpoints.push({ id: created.endpoint.id, orgId: callerOrg });
        break;
      }
      case 'deleteWebhookEndpoint':
        this.deletedEndpoints.add(sent.groupId!);
        break;
      case 'listWebhookEndpoints': {
        const ours = new Set(this.endpoints.filter((known) => known.orgId === callerOrg).map((known) => known.id));
        const listed = (body.endpoints as { id: string }[]).map((endpoint) => endpoint.id);
        if (listed.some((id) => !ours.has(id)))
          problems.push("listed an endpoint the caller's organization did not make");
        break;
      }
      case 'getGroupStats':
        if (typeof sent.query.timezone === 'string') {
          const problem = echoedZoneProblem(sent.query.timezone, String(body.timezone));
          if (problem) problems.push(`stats timezone: ${problem}`);
        }
        break;
    }
    if (typeof body.next_page_token === 'string')
      this.tokens.push({
        token: body.next_page_token,
        request: { ...request, replayToken: undefined },
        groupId: sent.groupId,
      });
    return problems;
  }
}

function pageChecks(body: Record<string, unknown>, key: string, size: string | string[] | undefined): string[] {
  const items = body[key] as unknown[];
  const problems: string[] = [];
  if (body.count !== items.length) problems.push(`count ${String(body.count)} but ${items.length} ${key}`);
  if (typeof size === 'string' && /^\d+$/.test(size) && items.length > Number(size))
    problems.push(`${items.length} ${key} for a page size of ${size}`);
  return problems;
}

function replaceSelf(value: unknown, self: string): unknown {
  if (value === selfPlaceholder) return self;
  if (Array.isArray(value)) return value.map((inner) => replaceSelf(inner, self));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replaceSelf(inner, self)]));
  return value;
}
