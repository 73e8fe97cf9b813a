import { ERROR_STATUS, errorHeaders, rawResponse, safeMessage, statusTitle, totalPages, type WireFormat } from './wire-format.js';

/** RFC 3339 with the business zone's offset, as the CRM document's `time` shows (+07:00). */
export function crmTime(now: number, offsetMinutes = Number(process.env.CRM_TIME_OFFSET_MINUTES ?? 420)): string {
  const shifted = new Date(now + offsetMinutes * 60_000).toISOString().replace('Z', '');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${shifted}${sign}${hours}:${minutes}`;
}

/**
 * The crm document speaks Indonesian; these are the gateway's own refusals (it answers them
 * before any crm service sees the request) in that language. Services already answer in it.
 */
export const CRM_EDGE_MESSAGES: Readonly<Record<string, string>> = {
  'Missing bearer token': 'Token akses wajib disertakan',
  'Invalid or expired token': 'Token tidak valid atau sudah kedaluwarsa',
  'Insufficient permissions': 'Anda tidak memiliki hak akses untuk tindakan ini',
  'Insufficient scope': 'Cakupan (scope) token tidak mencukupi',
  'Password change required': 'Kata sandi harus diganti terlebih dahulu',
  'Resource not found': 'Data tidak ditemukan',
  'Request body is too large': 'Ukuran body permintaan terlalu besar',
  'Unsupported content type': 'Content-Type tidak didukung',
  'Malformed request body': 'Body permintaan tidak valid',
  'Malformed JSON body': 'Body permintaan bukan JSON yang valid',
  'Malformed request URL': 'URL permintaan tidak valid',
  'Request URL is too long': 'URL permintaan terlalu panjang',
  'Request body is nested too deeply': 'Body permintaan terlalu dalam bersarang',
  'Request body contains a NUL character or an unpaired surrogate': 'Body permintaan memuat karakter NUL atau surrogate tanpa pasangan',
  'Request body contains a number out of range': 'Body permintaan memuat angka di luar jangkauan',
  'Request URL contains a NUL character or an unpaired surrogate': 'URL permintaan memuat karakter NUL atau surrogate tanpa pasangan',
  'Too many requests': 'Terlalu banyak permintaan, coba lagi nanti',
  'Service unavailable': 'Layanan sedang tidak tersedia',
  'Service did not answer in time': 'Layanan tidak merespons tepat waktu',
};

/**
 * crm: single resources are the bare object; lists `{data, metadata: {total_data,
 * total_page, page, limit}}`; errors are problem details with `errors[]` and `time`.
 * Validation failures are 400, as the document's error example shows.
 */
export const crmFormat: WireFormat = {
  success(reply) {
    const raw = rawResponse(reply);
    if (raw) return raw;
    if (reply.page) {
      const metadata = { total_data: reply.page.total, total_page: totalPages(reply.page), page: reply.page.page, limit: reply.page.limit };
      return { status: reply.status ?? 200, body: { data: reply.data ?? [], metadata }, headers: reply.headers };
    }
    return { status: reply.status ?? 200, body: reply.data ?? null, headers: reply.headers };
  },
  error(error, context) {
    const status = error.code === 'validation_failed' ? 400 : ERROR_STATUS[error.code];
    const body = {
      type: `https://httpstatuses.io/${status}`,
      title: statusTitle(status),
      status,
      detail: CRM_EDGE_MESSAGES[error.message] ?? safeMessage(error, `Terjadi kesalahan pada server (request ${context.requestId})`),
      instance: context.path,
      ...(error.fields?.length
        ? {
            errors: error.fields.map((field) => ({ field: field.field, message: field.message, constraint: field.constraint ?? '', value: field.value ?? '' })),
          }
        : {}),
      time: crmTime(context.now ?? Date.now()),
    };
    return { status, body, headers: errorHeaders(error), contentType: 'application/problem+json' };
  },
};
