import type { CrmTimezone, FieldError } from '@gerbang/contracts';
import { invalid } from '../common/errors.js';
import { indonesianTimezone, isInsideIndonesiaBounds } from './indonesia-area.js';

const OUTSIDE = 'harus berada di wilayah Indonesia';

/** The time zone of a position, or a 400 naming the coordinate that is outside Indonesia. */
export function requireIndonesianPosition(latitude: number, longitude: number): CrmTimezone {
  const timezone = indonesianTimezone(latitude, longitude);
  if (timezone) return timezone;
  const inside = isInsideIndonesiaBounds(latitude, longitude);
  const fields: FieldError[] = [];
  if (!inside.latitude || inside.longitude) fields.push({ field: 'latitude', message: `latitude ${OUTSIDE}`, constraint: 'indonesia', value: latitude });
  if (!inside.longitude || inside.latitude) fields.push({ field: 'longitude', message: `longitude ${OUTSIDE}`, constraint: 'indonesia', value: longitude });
  throw invalid(fields);
}
