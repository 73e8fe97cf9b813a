import type { UserEntity } from '../users/user.entity.js';

/** A token pair just issued to a user, before a realm renders it. */
export interface IssuedSession {
  sessionId: string;
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  user: UserEntity;
  roles: string[];
  activeRole: string | null;
}
