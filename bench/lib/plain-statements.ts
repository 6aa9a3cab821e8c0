// The plain floor's statements (bench/plain-floor.ts): for each read, the simplest statement a
// competent engineer would write by hand over the project's indexes (migrations/), with no
// hints and none of the service's tricks (no recent window, no batches, no padded lists), sent
// as mysql2's documentation has it: `execute`, a prepared statement with a `?` per value. The
// list page is also the R-list anchor (bench/anchors.ts).

/** `?, ?, …`: one placeholder per member. */
const marks = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/** The caller, read on every request as the service does (organization and role never come from the token). */
export const callerSql = 'SELECT id, org_id, role, status, timezone FROM users WHERE id = ?';

/** A group's member ids as one JSON array, by id; NULL for a group without members. */
const memberIds = `(SELECT JSON_ARRAYAGG(gm.user_id ORDER BY gm.user_id) FROM group_members gm
    WHERE gm.group_id = g.id AND gm.org_id = g.org_id)`;

const groupColumns = 'g.id, g.name, g.name_key, g.description, g.privacy, g.owner_id, g.created_at, g.updated_at';

/** S1: the group's row with its member ids. Values: org, group. */
export const groupSql = `SELECT ${groupColumns}, g.version, ${memberIds} AS members
  FROM \`groups\` g WHERE g.org_id = ? AND g.id = ?`;

/**
 * S2 (staff): a page of the organization's groups by name key with their member ids, beside
 * the organization's active athletes and how many are in no group. Values: org, org, page size + 1.
 */
export const groupsPageSql = `SELECT ${groupColumns}, ${memberIds} AS members, s.total, s.unassigned
  FROM (SELECT COUNT(*) AS total,
      SUM(NOT EXISTS (SELECT 1 FROM group_members m WHERE m.org_id = u.org_id AND m.user_id = u.id)) AS unassigned
    FROM users u WHERE u.org_id = ? AND u.role = 'athlete' AND u.status = 'active') AS s
  LEFT JOIN (SELECT * FROM \`groups\` WHERE org_id = ? ORDER BY name_key LIMIT ?) AS g ON 1 = 1
  ORDER BY g.name_key`;

/**
 * S3 and S4 first read the group's active members with their names (a row per member; one row
 * with a NULL id for a group without active members, none for no group). Values: org, group.
 */
export const activeMembersSql = `SELECT u.id, u.name FROM \`groups\` g
  LEFT JOIN group_members gm ON gm.group_id = g.id AND gm.org_id = g.org_id
  LEFT JOIN users u ON u.id = gm.user_id AND u.org_id = gm.org_id AND u.status = 'active'
  WHERE g.org_id = ? AND g.id = ? ORDER BY u.id`;

/** S3: the newest completed activities of the members. Values: org, each member id, page size + 1. */
export const feedSql = (
  members: number,
) => `SELECT id, user_id, name, type, sub_type, start_time, start_date_local, distance, duration,
    vdot_load, nexrex_ete_plus
  FROM activities WHERE org_id = ? AND user_id IN (${marks(members)}) AND status = 'completed'
  ORDER BY start_time DESC, id DESC LIMIT ?`;

/** S4: the members' completed activities in the range, summed per member and local day in JS. Values: org, each member id, first and last instant. */
export const statsSql = (members: number) => `SELECT user_id, start_time, distance, duration, vdot_load, nexrex_ete_plus
  FROM activities WHERE org_id = ? AND user_id IN (${marks(members)}) AND status = 'completed' AND start_time BETWEEN ? AND ?
  ORDER BY user_id, start_time`;

/** S7: the group's newest audit events. Values: org, group, page size + 1. */
export const auditSql = `SELECT seq, id, group_id, action, actor_id, subject_user_id, changes, request_id, created_at
  FROM audit_events WHERE org_id = ? AND group_id = ? ORDER BY seq DESC LIMIT ?`;

/** S7 on an empty page only: whether the group is there (an empty page) or not (404). Values: org, group. */
export const groupExistsSql = 'SELECT 1 FROM `groups` WHERE org_id = ? AND id = ?';
