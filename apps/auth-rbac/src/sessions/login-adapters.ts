import type { LoginRequest, Product } from '@gerbang/contracts';
import { validateInput } from '@gerbang/runtime';
import { IsRequiredString } from '../common/validation-rules.js';
import type { UserEntity } from '../users/user.entity.js';
import type { IssuedSession } from './issued-session.js';

/**
 * How one realm's clients log in: the body its document defines, and the shape of the token
 * answer and of the user. Login itself is realm-neutral (LoginRequest); a product whose
 * document differs plugs in its own adapter here.
 */
export interface LoginAdapter {
  parseLogin(realm: Product, body: unknown): Promise<LoginRequest>;
  renderSession(session: IssuedSession): unknown;
  renderUser(user: UserEntity, activeRole: string | null): unknown;
}

/** Longest password accepted at login: enough for any policy, short enough to keep argon2 input bounded. */
const PASSWORD_MAX_LENGTH = 1024;

class UsernameLoginBody {
  @IsRequiredString()
  username!: string;

  @IsRequiredString({ maxLength: PASSWORD_MAX_LENGTH })
  password!: string;
}

class EmailLoginBody {
  @IsRequiredString()
  email!: string;

  @IsRequiredString({ maxLength: PASSWORD_MAX_LENGTH })
  password!: string;
}

/** spec/retribusi-api.md POST /auth/v1/login, plus the refresh token as a Gerbang extension. */
const retribusiAdapter: LoginAdapter = {
  async parseLogin(realm, body) {
    const input = await validateInput(UsernameLoginBody, body);
    return { realm, identifier: input.username, password: input.password };
  },
  renderSession: (session) => ({
    token: session.accessToken,
    expires_in: session.expiresIn,
    refresh_token: session.refreshToken,
    refresh_expires_in: session.refreshExpiresIn,
    user: retribusiAdapter.renderUser(session.user, session.activeRole),
  }),
  renderUser: (user, activeRole) => ({ id: Number(user.id), username: user.username, role: activeRole }),
};

/** Default for realms whose users log in with an e-mail; product issues refine their shapes. */
const emailAdapter: LoginAdapter = {
  async parseLogin(realm, body) {
    const input = await validateInput(EmailLoginBody, body);
    return { realm, identifier: input.email, password: input.password };
  },
  renderSession: (session) => ({
    token: session.accessToken,
    token_type: 'bearer',
    expires_in: session.expiresIn,
    refresh_token: session.refreshToken,
    refresh_expires_in: session.refreshExpiresIn,
    user: { ...(emailAdapter.renderUser(session.user, session.activeRole) as object), roles: session.roles },
  }),
  renderUser: (user, activeRole) => ({ id: Number(user.id), username: user.username, email: user.email, name: user.displayName, role: activeRole }),
};

/**
 * crm: e-mail login (the document names users by e-mail) answered in the document's camelCase
 * style; ids are strings as everywhere in that document.
 */
const crmAdapter: LoginAdapter = {
  parseLogin: (realm, body) => emailAdapter.parseLogin(realm, body),
  renderSession: (session) => ({
    accessToken: session.accessToken,
    tokenType: 'Bearer',
    expiresIn: session.expiresIn,
    refreshToken: session.refreshToken,
    refreshExpiresIn: session.refreshExpiresIn,
    user: { ...(crmAdapter.renderUser(session.user, session.activeRole) as object), roles: session.roles },
  }),
  renderUser: (user, activeRole) => ({ id: user.id, name: user.displayName, email: user.email ?? user.username, activeRole }),
};

export const LOGIN_ADAPTERS: Record<Product, LoginAdapter> = {
  retribusi: retribusiAdapter,
  crm: crmAdapter,
  isp: emailAdapter,
  qr: emailAdapter,
  autogate: emailAdapter,
};
