// What the floor server replays: the captured statements and response of each route.
import type { CapturedRequest, Statement } from './capture.js';

export interface FloorRoute {
  kind: 'read' | 'replace-members' | 'create' | 'delete';
  /** Read routes: the exact path and query, and the caller. */
  path?: string;
  userId?: string;
  batches: Statement[][];
  body: unknown;
  /** Writes: the captured values this request replaces with its own. */
  groupId?: string;
  name?: string;
  requestId?: string;
  /** replace-members: the sorted member list of the request body it answers. */
  membersKey?: string;
}

export interface FloorPlan {
  routes: FloorRoute[];
}

export function readRoute(captured: CapturedRequest, userId: string): FloorRoute {
  return { kind: 'read', path: captured.path, userId, batches: captured.batches, body: captured.body };
}
