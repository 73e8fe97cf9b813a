import { ERROR_STATUS, errorHeaders, fieldMessageLists, rawResponse, safeMessage, type WireFormat } from './wire-format.js';

/** The same URL with another page number, or null past either end. */
function pageLink(url: string, page: number, lastPage: number): string | null {
  if (page < 1 || page > lastPage) return null;
  const link = new URL(url);
  link.searchParams.set('page', String(page));
  return link.toString();
}

/**
 * qr (Django REST framework style): lists `{count, next, previous, results}`, items bare;
 * errors `{detail}`; validation 400 `{field: [messages]}`.
 */
export const qrFormat: WireFormat = {
  success(reply, context) {
    const raw = rawResponse(reply);
    if (raw) return raw;
    if (reply.page) {
      const lastPage = Math.max(1, Math.ceil(reply.page.total / Math.max(1, reply.page.limit)));
      return {
        status: reply.status ?? 200,
        body: {
          count: reply.page.total,
          next: pageLink(context.url, reply.page.page + 1, lastPage),
          previous: pageLink(context.url, reply.page.page - 1, lastPage),
          results: reply.data ?? [],
        },
        headers: reply.headers,
      };
    }
    return { status: reply.status ?? 200, body: reply.data ?? null, headers: reply.headers };
  },
  error(error) {
    if (error.code === 'validation_failed') return { status: 400, body: fieldMessageLists(error), headers: errorHeaders(error) };
    return { status: ERROR_STATUS[error.code], body: { detail: safeMessage(error, 'A server error occurred.') }, headers: errorHeaders(error) };
  },
};
