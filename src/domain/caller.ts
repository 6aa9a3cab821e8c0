// The authenticated user, as the platform's user record describes them on this request.
export type Role = 'athlete' | 'coach' | 'admin';

export interface Caller {
  userId: string;
  orgId: string;
  role: Role;
  name: string;
  timezone: string | null;
}
