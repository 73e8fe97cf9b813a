import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCrmSuite, type CrmClient, type CrmResponse, type CrmSuite, type ListBody, type ProblemDetails } from './crm-client.js';

// Reference data of spec/crm-batubara-niaga-api.md over the gateway: exchange rate references
// addressed by {yyyy-mm-exchangeReference}, and fuel price references.
describe('crm reference data', () => {
  let suite: CrmSuite;
  let admin: CrmClient;

  beforeAll(async () => {
    suite = await startCrmSuite();
    admin = suite.admin;
  });

  afterAll(async () => {
    await suite?.stop();
  });

  const errorsOf = (response: CrmResponse<unknown>, status: number, path: string): Record<string, string> => {
    const body = response.body as ProblemDetails;
    expect(response.status).toBe(status);
    expect(body).toEqual(expect.objectContaining({ type: `https://httpstatuses.io/${status}`, status, instance: `/crm${path}`, detail: expect.any(String) }));
    return Object.fromEntries((body.errors ?? []).map((error) => [error.field, error.constraint]));
  };

  describe('exchange rate references', () => {
    const path = '/v1/exchangeRateReferences';
    const january = (overrides: Record<string, unknown> = {}) => ({
      monthPeriod: 1,
      yearPeriod: 2025,
      exchangeReference: 'jisdor',
      dailyRates: [
        { date: '2025-01-02', exchangeRate: 16000 },
        { date: '2025-01-03', exchangeRate: 16100 },
        { date: '2025-01-06', exchangeRate: 16201 },
      ],
      ...overrides,
    });

    it('stores a month of daily rates and computes the period average', async () => {
      const created = await admin.post(path, january());
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        key: '2025-01-jisdor',
        monthPeriod: 1,
        yearPeriod: 2025,
        exchangeReference: 'jisdor',
        periodAverage: 16100.33,
        periodAverageRate: 16100.33,
        dailyRates: [
          { id: expect.any(String), date: '2025-01-02', exchangeRate: 16000 },
          { id: expect.any(String), date: '2025-01-03', exchangeRate: 16100 },
          { id: expect.any(String), date: '2025-01-06', exchangeRate: 16201 },
        ],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('is addressed as {yyyy-mm-exchangeReference}, and by its id', async () => {
      const byKey = await admin.get(`${path}/2025-01-jisdor`);
      expect(byKey.status).toBe(200);
      expect(byKey.body).toMatchObject({ key: '2025-01-jisdor', periodAverageRate: 16100.33 });
      expect((await admin.get(`${path}/${String(byKey.body.id)}`)).body).toEqual(byKey.body);
      expect(errorsOf(await admin.get(`${path}/2025-02-jisdor`), 404, `${path}/2025-02-jisdor`)).toEqual({});
      expect(errorsOf(await admin.get(`${path}/januari`), 404, `${path}/januari`)).toEqual({});
    });

    it('is unique per period and exchange reference', async () => {
      expect(errorsOf(await admin.post(path, january()), 409, path)).toEqual({ exchangeReference: 'unique' });
      const biRate = await admin.post(path, january({ exchangeReference: 'biRate', dailyRates: [{ date: '2025-01-02', midRate: 16050.5 }] }));
      expect(biRate.status).toBe(201);
      expect(biRate.body).toMatchObject({ key: '2025-01-biRate', periodAverage: 16050.5, dailyRates: [{ date: '2025-01-02', exchangeRate: 16050.5 }] });
    });

    it('keeps daily rates inside the month, one per date', async () => {
      const march = (dailyRates: unknown[]) => january({ monthPeriod: 3, dailyRates });
      expect(errorsOf(await admin.post(path, march([{ date: '2025-04-01', exchangeRate: 1 }])), 400, path)).toEqual({ 'dailyRates.0.date': 'period' });
      expect(
        errorsOf(
          await admin.post(
            path,
            march([
              { date: '2025-03-03', exchangeRate: 1 },
              { date: '2025-03-03', exchangeRate: 2 },
            ]),
          ),
          400,
          path,
        ),
      ).toEqual({ 'dailyRates.1.date': 'unique' });
      expect(errorsOf(await admin.post(path, march([{ date: '3 Maret 2025', exchangeRate: 1 }])), 400, path)).toEqual({ 'dailyRates.0.date': 'matches' });
    });

    it('wants every exchange rate >= 0', async () => {
      expect(errorsOf(await admin.post(path, january({ monthPeriod: 4, dailyRates: [{ date: '2025-04-01', exchangeRate: -0.01 }] })), 400, path)).toEqual({
        'dailyRates.0.exchangeRate': 'gte',
      });
    });

    it('takes the period and reference from their enums', async () => {
      expect(errorsOf(await admin.post(path, { monthPeriod: 13, yearPeriod: 2025, exchangeReference: 'euro', dailyRates: [] }), 400, path)).toEqual({
        monthPeriod: 'range',
        exchangeReference: 'oneof',
        dailyRates: 'len',
      });
      expect(errorsOf(await admin.post(path, {}), 400, path)).toEqual({
        monthPeriod: 'required',
        yearPeriod: 'required',
        exchangeReference: 'required',
        dailyRates: 'required',
      });
    });

    it('replaces the daily rates on update, keeping the ids of dates kept, and recomputes the average', async () => {
      const before = await admin.get<{ dailyRates: Array<{ id: string; date: string }> }>(`${path}/2025-01-jisdor`);
      const kept = before.body.dailyRates.find((rate) => rate.date === '2025-01-03');
      const updated = await admin.put<{ periodAverage: number; dailyRates: Array<{ id: string; date: string; exchangeRate: number }> }>(
        `${path}/2025-01-jisdor`,
        january({
          dailyRates: [
            { date: '2025-01-03', exchangeRate: 16200 },
            { date: '2025-01-31', exchangeRate: 16400 },
          ],
        }),
      );
      expect(updated.status).toBe(200);
      expect(updated.body.periodAverage).toBe(16300);
      expect(updated.body.dailyRates).toEqual([
        { id: kept?.id, date: '2025-01-03', exchangeRate: 16200 },
        { id: expect.any(String), date: '2025-01-31', exchangeRate: 16400 },
      ]);
      expect(errorsOf(await admin.put(`${path}/2025-01-jisdor`, january({ exchangeReference: 'biRate' })), 409, `${path}/2025-01-jisdor`)).toEqual({
        exchangeReference: 'unique',
      });
    });

    it('lists with filters, whitelisted sort and exact page facts, also at the trailing-slash spelling', async () => {
      await admin.post(path, january({ monthPeriod: 2, dailyRates: [{ date: '2025-02-03', exchangeRate: 16300 }] }));
      const list = await admin.get<ListBody>(`${path}/?year=2025&exchangeReference=jisdor&sort=monthPeriod+asc&limit=1`);
      expect(list.status).toBe(200);
      expect(list.body.metadata).toEqual({ total_data: 2, total_page: 2, page: 0, limit: 1 });
      expect(list.body.data).toEqual([expect.objectContaining({ key: '2025-01-jisdor', monthPeriod: 1, periodAverage: 16300 })]);
      expect(list.body.data[0]).not.toHaveProperty('dailyRates');
      expect((await admin.get<ListBody>(`${path}?month=1`)).body.metadata.total_data).toBe(2);
      expect(errorsOf(await admin.get(`${path}?sort=dailyRates+asc`), 400, path)).toEqual({ sort: 'oneof' });
      expect(errorsOf(await admin.get(`${path}?month=0`), 400, path)).toEqual({ month: 'range' });
    });

    it('has no delete (the catalog grants none)', async () => {
      const response = await admin.delete(`${path}/2025-01-jisdor`);
      expect(response.status).toBe(404);
    });

    it('audits each write with the reference before and after', async () => {
      const { rows } = await suite.database.query<{ action: string; before: { periodAverage: number } | null; after: { periodAverage: number } }>(
        `SELECT a."action", a."before", a."after" FROM "crm"."audit_logs" a JOIN "crm"."exchange_rate_references" r ON r."id" = a."entity_id"
          WHERE a."entity" = 'exchange-rate' AND r."year_period" = 2025 AND r."month_period" = 1 AND r."exchange_reference" = 'jisdor' ORDER BY a."id"`,
      );
      expect(rows.map((row) => [row.action, row.before?.periodAverage ?? null, row.after.periodAverage])).toEqual([
        ['create', null, 16100.33],
        ['update', 16100.33, 16300],
      ]);
    });
  });

  describe('fuel price references', () => {
    const path = '/v1/fuelPriceReferences';
    const prices = ([area1, area2, area3, area4]: [number, number, number, number] = [1, 2, 3, 4]) =>
      ['hsd', 'lsfo', 'hsfo'].map((fuelType, index) => ({
        fuelType,
        area1: area1 + index,
        area2: area2 + index,
        area3: area3 + index,
        area4: area4 + index,
      }));
    /** The three prices with item `index` changed. */
    const pricesWith = (index: number, change: (price: Record<string, unknown>) => Record<string, unknown>) =>
      prices().map((price, position) => (position === index ? change(price) : price));
    const reference = (overrides: Record<string, unknown> = {}) => ({ period: 1, month: 2, year: 2025, fuelPrice: prices(), ...overrides });

    it('stores exactly three fuel types with four areas each', async () => {
      const created = await admin.post(path, reference({ fuelPrice: [...prices()].reverse() }));
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        period: 1,
        month: 2,
        year: 2025,
        fuelPrice: prices().map((price) => ({ id: expect.any(String), ...price })),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect((await admin.get(`${path}/${String(created.body.id)}`)).body).toEqual(created.body);
    });

    it('is unique per period, month and year', async () => {
      expect(errorsOf(await admin.post(path, reference()), 409, path)).toEqual({ period: 'unique' });
      expect((await admin.post(path, reference({ period: 2 }))).status).toBe(201);
      expect((await admin.post(path, reference({ month: '03' }))).status).toBe(201);
    });

    it('accepts period 1 or 2 only', async () => {
      expect(errorsOf(await admin.post(path, reference({ period: 3 })), 400, path)).toEqual({ period: 'oneof' });
    });

    it('wants exactly three fuel prices, one per fuel type', async () => {
      expect(errorsOf(await admin.post(path, reference({ month: 5, fuelPrice: prices().slice(0, 2) })), 400, path)).toEqual({ fuelPrice: 'len' });
      const twice = pricesWith(2, (price) => ({ ...price, fuelType: 'hsd' }));
      expect(errorsOf(await admin.post(path, reference({ month: 5, fuelPrice: twice })), 400, path)).toEqual({ 'fuelPrice.2.fuelType': 'unique' });
      const wrong = pricesWith(0, (price) => ({ ...price, fuelType: 'avtur', area2: -1 }));
      expect(errorsOf(await admin.post(path, reference({ month: 5, fuelPrice: wrong })), 400, path)).toEqual({
        'fuelPrice.0.fuelType': 'oneof',
        'fuelPrice.0.area2': 'gte',
      });
      const missing = pricesWith(1, ({ area4: _area4, ...price }) => price);
      expect(errorsOf(await admin.post(path, reference({ month: 5, fuelPrice: missing })), 400, path)).toEqual({ 'fuelPrice.1.area4': 'required' });
    });

    it('updates prices in place and lists with filters', async () => {
      const created = await admin.post<{ id: string; fuelPrice: Array<{ id: string }> }>(path, reference({ month: 6 }));
      const updated = await admin.put<{ fuelPrice: Array<{ id: string; area1: number }> }>(
        `${path}/${created.body.id}`,
        reference({ month: 6, fuelPrice: prices([10, 20, 30, 40]) }),
      );
      expect(updated.status).toBe(200);
      expect(updated.body.fuelPrice.map((price) => [price.id, price.area1])).toEqual(created.body.fuelPrice.map((price, index) => [price.id, 10 + index]));
      const list = await admin.get<ListBody>(`${path}/?year=2025&month=2&sort=period+desc`);
      expect(list.body.metadata).toEqual({ total_data: 2, total_page: 1, page: 0, limit: 10 });
      expect(list.body.data.map((row) => row.period)).toEqual([2, 1]);
      expect(list.body.data[0]).not.toHaveProperty('fuelPrice');
      expect((await admin.get<ListBody>(`${path}?period=2`)).body.metadata.total_data).toBe(1);
      expect(errorsOf(await admin.get(`${path}?period=3`), 400, path)).toEqual({ period: 'range' });
      const missing = randomUUID();
      expect(errorsOf(await admin.put(`${path}/${missing}`, reference({ month: 7 })), 404, `${path}/${missing}`)).toEqual({});
    });

    it('requires fuel-price privileges', async () => {
      const reader = await suite.userWith(['fuel-price:read']);
      expect((await reader.get(path)).status).toBe(200);
      expect((await reader.post(path, reference({ month: 8 }))).status).toBe(403);
      expect((await reader.get('/v1/exchangeRateReferences')).status).toBe(403);
    });
  });
});
