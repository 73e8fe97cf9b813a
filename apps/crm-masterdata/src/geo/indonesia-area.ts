import tzLookup from '@photostructure/tz-lookup';
import type { CrmTimezone } from '@gerbang/contracts';

/** Indonesia's extent, from Weh (6.1 N) to Ndana (11.0 S) and from 94.9 E to the Papua New Guinea border (141.0 E). */
export const INDONESIA_BOUNDS = { minLatitude: -11.1, maxLatitude: 6.2, minLongitude: 94.7, maxLongitude: 141.1 } as const;

/**
 * IANA zones inside Indonesia and the zone a location is given: WIB (Asia/Jakarta; western
 * Kalimantan's Asia/Pontianak keeps the same time), WITA (Asia/Makassar), WIT
 * (Asia/Jayapura). Seas get the nautical zone of their meridian.
 */
const INDONESIAN_ZONES: Record<string, CrmTimezone> = {
  'Asia/Jakarta': 'Asia/Jakarta',
  'Asia/Pontianak': 'Asia/Jakarta',
  'Asia/Makassar': 'Asia/Makassar',
  'Asia/Jayapura': 'Asia/Jayapura',
  'Etc/GMT-7': 'Asia/Jakarta',
  'Etc/GMT-8': 'Asia/Makassar',
  'Etc/GMT-9': 'Asia/Jayapura',
};

/** Distances (degrees) probed around a point whose zone belongs to a neighbour, nearest first. */
const PROBE_RADII = [0.05, 0.1];

/** West of this meridian the zone map's Papua New Guinea is Indonesian Papua: the border follows 141° E. */
const PAPUA_BORDER_LONGITUDE = 141.0;
const DIRECTIONS = [
  [0, -1],
  [0, 1],
  [-1, 0],
  [1, 0],
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1],
] as const;

export function isInsideIndonesiaBounds(latitude: number, longitude: number): { latitude: boolean; longitude: boolean } {
  const bounds = INDONESIA_BOUNDS;
  return {
    latitude: latitude >= bounds.minLatitude && latitude <= bounds.maxLatitude,
    longitude: longitude >= bounds.minLongitude && longitude <= bounds.maxLongitude,
  };
}

/** The zone of Indonesian land at a point (seas, whose nautical zones know no borders, do not count). */
function landZoneAt(latitude: number, longitude: number): CrmTimezone | null {
  const zone = tzLookup(latitude, longitude);
  return zone.startsWith('Asia/') ? (INDONESIAN_ZONES[zone] ?? null) : null;
}

/**
 * The time zone of a position in Indonesia, or null outside it: beyond its extent, or on the
 * land of a neighbour (Malaysia, Singapore, Brunei, the Philippines, Papua New Guinea). The
 * zone map is coarse along borders, so a point it gives to a neighbour still counts as
 * Indonesian when the map has Indonesian land within 0.1 degree (about 11 km), and takes
 * that zone; west of 141° E its Papua New Guinea is Indonesian Papua (Jayapura).
 */
export function indonesianTimezone(latitude: number, longitude: number): CrmTimezone | null {
  const inside = isInsideIndonesiaBounds(latitude, longitude);
  if (!inside.latitude || !inside.longitude) return null;
  const zone = tzLookup(latitude, longitude);
  if (zone === 'Pacific/Port_Moresby' && longitude <= PAPUA_BORDER_LONGITUDE) return 'Asia/Jayapura';
  const direct = INDONESIAN_ZONES[zone];
  if (direct) return direct;
  for (const radius of PROBE_RADII) {
    for (const [north, east] of DIRECTIONS) {
      const nearby = landZoneAt(latitude + north * radius, longitude + east * radius);
      if (nearby) return nearby;
    }
  }
  return null;
}
