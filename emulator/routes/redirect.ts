// §5: the endpoint an emailed link opens. The rule: it only points the browser at the link's
// redirect URL with the token appended; it never consumes the token.
import type { EmulatorContext } from '../context';
import { errorReply } from '../http-io';
import type { Reply } from '../http-io';
import { deepLink } from '../links';

export function redirectReply(ctx: EmulatorContext, query: URLSearchParams): Reply {
  const token = query.get('token') ?? '';
  const record = ctx.store.tokens.get(token);
  if (!record?.redirect_url) return errorReply(404, 'magic_link_not_found');
  const location = deepLink(record.redirect_url, token);
  return {
    status: 302,
    headers: { location, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ status_code: 302, redirect_url: location }),
  };
}
