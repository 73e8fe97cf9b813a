import { RETRIBUSI_CATEGORIES, type RetribusiCategory } from '@gerbang/contracts';
import { addDays, zonedToUnix } from '@gerbang/retribusi';

export interface DemoLocation {
  code: string;
  name: string;
  type: string;
  gates: Array<{ code: string; name: string; direction: 'in' | 'out'; camera: string | null; prices: Record<RetribusiCategory, number> }>;
}

/** A few places that look like the document's examples. */
export const DEMO_LOCATIONS: DemoLocation[] = [
  {
    code: 'kerkof_01',
    name: 'Kerkof 01',
    type: 'kerkof',
    gates: [
      { code: 'gate01', name: 'Gate 01', direction: 'in', camera: 'https://example.com/stream.m3u8', prices: { person_walk: 2000, motor: 5000, car: 10000 } },
      { code: 'gate02', name: 'Gate 02', direction: 'out', camera: 'rtsp://192.168.1.100:554/stream1', prices: { person_walk: 2000, motor: 5000, car: 10000 } },
    ],
  },
  {
    code: 'pasar_01',
    name: 'Pasar Baru',
    type: 'pasar',
    gates: [{ code: 'gate01', name: 'Gerbang Utama', direction: 'in', camera: 'camera_001', prices: { person_walk: 1000, motor: 3000, car: 6000 } }],
  },
  {
    code: 'terminal_01',
    name: 'Terminal Cikole',
    type: 'terminal',
    gates: [
      {
        code: 'gate01',
        name: 'Gate Timur',
        direction: 'in',
        camera: 'http://192.168.1.120:8080/camera1',
        prices: { person_walk: 1500, motor: 4000, car: 8000 },
      },
    ],
  },
];

export const DEMO_DAYS = 30;

export interface DemoEvent {
  locationCode: string;
  gateCode: string;
  category: RetribusiCategory;
  eventTime: number;
  price: number;
}

/** Deterministic pseudo-random numbers (mulberry32), so every demo database looks the same. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const OPENS = 6 * 3600;
const CLOSES = 22 * 3600;

/**
 * Events for the DEMO_DAYS days ending today (business zone), between 06:00 and 22:00 local
 * time, none in the future. Today's fall between 06:00 and now, or, before 06:00, between
 * midnight and now: today's dashboard is never empty, whatever the hour of the first start.
 * Motorbikes dominate, as at a real gate.
 */
export function demoEvents(today: string, timeZone: string, nowSeconds: number): DemoEvent[] {
  const next = random(20_250_117);
  const weights: Record<RetribusiCategory, number> = { person_walk: 12, motor: 30, car: 8 };
  const sinceMidnight = Math.max(0, nowSeconds - zonedToUnix(today, 0, timeZone));
  const events: DemoEvent[] = [];
  for (let day = DEMO_DAYS - 1; day >= 0; day -= 1) {
    const date = addDays(today, -day);
    // Seconds after midnight that events of this day may take: [from, from + span).
    const [from, span] =
      day > 0 ? [OPENS, CLOSES - OPENS] : sinceMidnight < OPENS ? [0, sinceMidnight + 1] : [OPENS, Math.min(CLOSES, sinceMidnight + 1) - OPENS];
    for (const location of DEMO_LOCATIONS) {
      for (const gate of location.gates) {
        for (const category of RETRIBUSI_CATEGORIES) {
          const count = Math.round(weights[category] * (0.5 + next()));
          for (let index = 0; index < count; index += 1) {
            const eventTime = zonedToUnix(date, from + Math.floor(next() * span), timeZone);
            events.push({ locationCode: location.code, gateCode: gate.code, category, eventTime, price: gate.prices[category] });
          }
        }
      }
    }
  }
  return events.sort((left, right) => left.eventTime - right.eventTime);
}
