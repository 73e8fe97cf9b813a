import { describe, expect, it } from '@jest/globals';
import { zonedParts } from '@gerbang/retribusi';
import { DEMO_DAYS, DEMO_LOCATIONS, demoEvents } from './demo-data.js';
import { classifyCameraSource } from '../gates/camera-source.js';

describe('demo data', () => {
  const now = 1_737_109_800; // 2025-01-17 17:30 in Jakarta
  const events = demoEvents('2025-01-17', 'Asia/Jakarta', now);

  it('covers thirty days up to now, in opening hours, at the gate price', () => {
    const days = new Set(events.map((event) => zonedParts(event.eventTime, 'Asia/Jakarta').date));
    expect(days.size).toBe(DEMO_DAYS);
    expect([...days].sort()[0]).toBe('2024-12-19');
    for (const event of events) {
      expect(event.eventTime).toBeLessThanOrEqual(now);
      const hour = zonedParts(event.eventTime, 'Asia/Jakarta').hour;
      expect(hour).toBeGreaterThanOrEqual(6);
      expect(hour).toBeLessThan(22);
      const gate = DEMO_LOCATIONS.find((location) => location.code === event.locationCode)?.gates.find((candidate) => candidate.code === event.gateCode);
      expect(event.price).toBe(gate?.prices[event.category]);
    }
  });

  it('gives today events up to now at any hour of a first start, and none in the future', () => {
    // 2025-01-17 00:15, 05:59:59, 06:00 and 23:30 in Jakarta (UTC+7).
    for (const at of [1_737_047_700, 1_737_068_399, 1_737_068_400, 1_737_131_400]) {
      const todays = demoEvents('2025-01-17', 'Asia/Jakarta', at).filter((event) => zonedParts(event.eventTime, 'Asia/Jakarta').date === '2025-01-17');
      expect(todays.length).toBeGreaterThan(0);
      for (const event of todays) expect(event.eventTime).toBeLessThanOrEqual(at);
      if (at >= 1_737_068_400) for (const event of todays) expect(zonedParts(event.eventTime, 'Asia/Jakarta').hour).toBeGreaterThanOrEqual(6);
      expect(new Set(demoEvents('2025-01-17', 'Asia/Jakarta', at).map((event) => zonedParts(event.eventTime, 'Asia/Jakarta').date)).size).toBe(DEMO_DAYS);
    }
  });

  it('is the same on every run and uses valid camera values', () => {
    expect(demoEvents('2025-01-17', 'Asia/Jakarta', now)).toEqual(events);
    for (const gate of DEMO_LOCATIONS.flatMap((location) => location.gates))
      expect(gate.camera === null || classifyCameraSource(gate.camera) !== null).toBe(true);
  });
});
