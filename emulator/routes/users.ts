// §4.11–4.12: users get (flattened user) and delete (user, sessions and links all gone).
import type { ApiRoute } from '../api';
import { StytchApiError } from '../errors';
import { userJson } from '../objects';

const get: ApiRoute = {
  method: 'GET',
  pattern: /^\/v1\/users\/([^/]+)$/,
  auth: 'required',
  handler(ctx, { params }) {
    const user = ctx.store.users.get(params[0] ?? '');
    if (!user) throw new StytchApiError('user_not_found');
    return userJson(user);
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  pattern: /^\/v1\/users\/([^/]+)$/,
  auth: 'required',
  handler(ctx, { params }) {
    const user = ctx.store.users.get(params[0] ?? '');
    if (!user) throw new StytchApiError('user_not_found');
    ctx.store.deleteUser(user);
    return { user_id: user.user_id };
  },
};

export const userRoutes: ApiRoute[] = [get, remove];
