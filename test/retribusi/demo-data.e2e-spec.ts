import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, retribusiLogin, startFleet, type TestFleet } from '@gerbang/testing';

// DEMO_DATA=1 on the whole fleet: every dashboard shows the seeded days on first start, and
// realtime's (its own history and day totals) agrees with the summaries ingest keeps.
const ADMIN_PASSWORD = 'Admin#12345';
const ZONE = 'Asia/Jakarta';

interface Cards {
  total_count_today: number;
  total_amount_today: number;
  by_gate: Array<{ location_code?: string; gate_code: string; total_count: number; total_amount: number }>;
  by_category: Array<{ category: string; total_count: number; total_amount: number }>;
}

/** The business-zone date `daysAgo` days before now, YYYY-MM-DD. */
const businessDate = (daysAgo: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(Date.now() - daysAgo * 86_400_000));

describe('demo data across the fleet', () => {
  let fleet: TestFleet;
  let token: string;

  const get = async <T>(path: string): Promise<{ data: T; meta?: { total: number } }> => {
    const response = await fetch(`${fleet.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as { data: T; meta?: { total: number } };
  };
  const sorted = (cards: Cards) => ({
    ...cards,
    by_gate: [...cards.by_gate].sort((a, b) => `${a.location_code}/${a.gate_code}`.localeCompare(`${b.location_code}/${b.gate_code}`)),
    by_category: [...cards.by_category].sort((a, b) => a.category.localeCompare(b.category)),
  });

  beforeAll(async () => {
    fleet = await startFleet({
      apps: ['auth-rbac', 'retribusi-ingest', 'realtime', 'gateway'],
      env: { DEMO_DATA: '1', BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD },
    });
    token = await retribusiLogin(fleet.gatewayUrl, 'admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it("shows the seeded events in realtime's history, as many as the raw events", async () => {
    const raw = await get<unknown[]>('/retribusi/v1/frontend/entry-events?limit=1');
    expect(raw.meta?.total).toBeGreaterThan(1_000);
    const history = await eventually(
      async () => {
        const page = await get<unknown[]>('/retribusi/v1/realtime/events?limit=1');
        return page.meta?.total === raw.meta?.total ? page : undefined;
      },
      20_000,
      'realtime history holding every seeded event',
    );
    expect(history.meta?.total).toBe(raw.meta?.total);
  });

  it.each([0, 1, 6, 29])("gives the realtime snapshot of the day %i days ago the dashboard summary's figures, not zero", async (daysAgo) => {
    const date = businessDate(daysAgo);
    const dashboard = await get<Cards>(`/retribusi/v1/dashboard/summary?date=${date}`);
    const snapshot = await get<Cards>(`/retribusi/v1/realtime/snapshot?date=${date}`);
    // Before 06:00 (business time) today's demo events may be few, but the first start always has some.
    expect(dashboard.data.total_count_today).toBeGreaterThan(0);
    expect(sorted(snapshot.data)).toEqual(sorted(dashboard.data));
  });
});
