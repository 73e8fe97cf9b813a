import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem, startCrmSuite, type CrmClient, type CrmSuite, type ListBody } from './crm-client.js';

// Master data of spec/crm-batubara-niaga-api.md over the gateway, one test per business rule,
// each asserting the document's problem-details body.
describe('crm master data', () => {
  let suite: CrmSuite;
  let admin: CrmClient;

  beforeAll(async () => {
    suite = await startCrmSuite();
    admin = suite.admin;
  });

  afterAll(async () => {
    await suite?.stop();
  });

  let sequence = 0;
  const unique = (text: string) => `${text} ${++sequence}`;
  const customerBody = (overrides: Record<string, unknown> = {}) => ({
    companyName: unique('PT Pelanggan'),
    companyPhone: '0215701234',
    companyMail: '',
    companyAddress: 'Jl. Gatot Subroto, Jakarta',
    companyNpwp: '',
    initial: unique('PLG'),
    ...overrides,
  });
  const create = async <T = { id: string }>(path: string, body: unknown): Promise<T> => {
    const response = await admin.post<T>(path, body);
    if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const jakarta = { latitude: -6.1, longitude: 106.88 };
  const unloadingPoint = (overrides: Record<string, unknown> = {}) =>
    create('/v1/locations', { name: unique('Dermaga Bongkar'), type: 'unloadingPoint', ...jakarta, ...overrides });

  describe('customers', () => {
    it('creates, reads and updates a customer with the document fields', async () => {
      const created = await admin.post('/v1/customers', customerBody({ companyName: 'PT PLN Energi Primer Indonesia', initial: 'PLN EPI' }));
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        companyName: 'PT PLN Energi Primer Indonesia',
        companyPhone: '0215701234',
        companyMail: '',
        companyAddress: 'Jl. Gatot Subroto, Jakarta',
        companyNpwp: '',
        initial: 'PLN EPI',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const id = String(created.body.id);
      expect((await admin.get(`/v1/customers/${id}`)).body).toEqual(created.body);
      const updated = await admin.put(`/v1/customers/${id}`, {
        ...customerBody({ companyName: 'PT PLN EPI', initial: 'PLN EPI' }),
        id,
        companyNpwp: '0123456789012345',
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id, companyName: 'PT PLN EPI', companyNpwp: '0123456789012345' });
    });

    it('refuses a duplicate name, case-insensitively, with 409', async () => {
      const first = customerBody();
      await create('/v1/customers', first);
      const response = await admin.post('/v1/customers', customerBody({ companyName: first.companyName.toUpperCase() }));
      expectProblem(response, 409, '/v1/customers', { companyName: 'unique' });
    });

    it('refuses a duplicate initial with 409', async () => {
      const first = customerBody();
      await create('/v1/customers', first);
      expectProblem(await admin.post('/v1/customers', customerBody({ initial: first.initial })), 409, '/v1/customers', { initial: 'unique' });
    });

    it('wants companyNpwp of 16 digits, and only then', async () => {
      const body = expectProblem(await admin.post('/v1/customers', customerBody({ companyNpwp: '12.345.678' })), 400, '/v1/customers', { companyNpwp: 'len' });
      expect(body.errors?.[0]).toEqual({ field: 'companyNpwp', message: expect.stringContaining('16 digit'), constraint: 'len', value: '12.345.678' });
      expect((await admin.post('/v1/customers', customerBody({ companyNpwp: '0123456789012345' }))).status).toBe(201);
    });

    it('requires the mandatory fields and checks the e-mail, all in one answer', async () => {
      const body = expectProblem(await admin.post('/v1/customers', { companyMail: 'not-an-email' }), 400, '/v1/customers', {
        companyName: 'required',
        companyPhone: 'required',
        companyAddress: 'required',
        initial: 'required',
        companyMail: 'email',
      });
      expect(body.detail).toContain('companyName wajib diisi');
    });

    it('answers 404 for an unknown or malformed id', async () => {
      const missing = randomUUID();
      const body = expectProblem(await admin.get(`/v1/customers/${missing}`), 404, `/v1/customers/${missing}`);
      expect(body.detail).toBe('Pelanggan tidak ditemukan');
      expectProblem(await admin.get('/v1/customers/not-an-id'), 404, '/v1/customers/not-an-id');
      expectProblem(await admin.put(`/v1/customers/${missing}`, customerBody()), 404, `/v1/customers/${missing}`);
    });
  });

  describe('lists', () => {
    const prefix = 'PT Daftar';
    beforeAll(async () => {
      for (const letter of ['E', 'B', 'D', 'A', 'C'])
        await create('/v1/customers', customerBody({ companyName: `${prefix} ${letter}`, initial: `DFT-${letter}` }));
    });

    it('wraps rows in {data, metadata} with exact page facts, page counted from 0', async () => {
      const first = await admin.get<ListBody<{ companyName: string }>>(`/v1/customers?search=daftar&page=0&limit=2&sort=companyName+asc`);
      expect(first.status).toBe(200);
      expect(first.body.metadata).toEqual({ total_data: 5, total_page: 3, page: 0, limit: 2 });
      expect(first.body.data.map((row) => row.companyName)).toEqual([`${prefix} A`, `${prefix} B`]);
      const second = await admin.get<ListBody<{ companyName: string }>>(`/v1/customers?search=daftar&page=1&size=2&sort=companyName+asc`);
      expect(second.body.metadata).toEqual({ total_data: 5, total_page: 3, page: 1, limit: 2 });
      expect(second.body.data.map((row) => row.companyName)).toEqual([`${prefix} C`, `${prefix} D`]);
      const beyond = await admin.get<ListBody>(`/v1/customers?search=daftar&page=7&limit=2`);
      expect(beyond.body).toEqual({ data: [], metadata: { total_data: 5, total_page: 3, page: 7, limit: 2 } });
    });

    it('sorts on whitelisted fields in either spelling and direction', async () => {
      const names = async (query: string) =>
        (await admin.get<ListBody<{ companyName: string }>>(`/v1/customers?search=daftar&${query}`)).body.data.map((row) => row.companyName);
      const descending = [`${prefix} E`, `${prefix} D`, `${prefix} C`, `${prefix} B`, `${prefix} A`];
      expect(await names('sort=companyName%2BDESC')).toEqual(descending);
      expect(await names('sort=company_name+desc')).toEqual(descending);
      expect(await names('sort-by=companyName&sort-direction=DESC')).toEqual(descending);
      expect(await names('sort=created_at+desc')).toEqual([...'CADBE'].map((letter) => `${prefix} ${letter}`));
    });

    it('refuses to sort on a field that is not whitelisted, or in an unknown direction, with 400', async () => {
      const body = expectProblem(await admin.get('/v1/customers?sort=company_npwp+asc'), 400, '/v1/customers', { sort: 'oneof' });
      expect(body.errors?.[0]?.message).toContain('companyName');
      expectProblem(await admin.get('/v1/customers?sort=companyName+sideways'), 400, '/v1/customers', { sort: 'oneof' });
      expectProblem(await admin.get('/v1/customers?sort=id;DROP TABLE x'), 400, '/v1/customers', { sort: 'oneof' });
    });

    it('refuses a bad page or limit with 400', async () => {
      expectProblem(await admin.get('/v1/customers?page=-1'), 400, '/v1/customers', { page: 'gte' });
      expectProblem(await admin.get('/v1/customers?limit=1000'), 400, '/v1/customers', { limit: 'range' });
      expectProblem(await admin.get('/v1/customers?size=0'), 400, '/v1/customers', { size: 'range' });
    });

    it('searches names as literal text', async () => {
      const response = await admin.get<ListBody>('/v1/customers?search=%25');
      expect(response.body.metadata.total_data).toBe(0);
    });
  });

  describe('partners', () => {
    const partnerBody = (overrides: Record<string, unknown> = {}) => ({
      group: 'supplier',
      companyName: unique('PT Mitra'),
      companyPhone: '0214301234',
      companyMail: 'info@mitra.co.id',
      companyNpwp: '0123456789012345',
      businessLicense: '123/asd12eas/123',
      initial: 'PLN-BAG',
      ...overrides,
    });

    it('creates a partner as the document shows', async () => {
      const response = await admin.post('/v1/partners', partnerBody({ companyName: 'PT Pelayaran Bahtera Adhiguna' }));
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        group: 'supplier',
        companyName: 'PT Pelayaran Bahtera Adhiguna',
        initial: 'PLN-BAG',
        businessLicense: '123/asd12eas/123',
      });
    });

    it('refuses the internal group', async () => {
      expectProblem(await admin.post('/v1/partners', partnerBody({ group: 'internal' })), 400, '/v1/partners', { group: 'oneof' });
    });

    it('requires businessLicense for supplier and trader only', async () => {
      expectProblem(await admin.post('/v1/partners', partnerBody({ businessLicense: '' })), 400, '/v1/partners', { businessLicense: 'required_if' });
      expectProblem(await admin.post('/v1/partners', partnerBody({ group: 'trader', businessLicense: undefined })), 400, '/v1/partners', {
        businessLicense: 'required_if',
      });
      expect((await admin.post('/v1/partners', partnerBody({ group: 'transporter', businessLicense: '' }))).status).toBe(201);
    });

    it('limits the initial to 8 characters with `-` as the only symbol', async () => {
      expectProblem(await admin.post('/v1/partners', partnerBody({ initial: 'PLN-BAGUS' })), 400, '/v1/partners', { initial: 'max' });
      expectProblem(await admin.post('/v1/partners', partnerBody({ initial: 'PLN.BAG' })), 400, '/v1/partners', { initial: 'matches' });
    });

    it('wants companyNpwp of 16 digits', async () => {
      expectProblem(await admin.post('/v1/partners', partnerBody({ companyNpwp: '01234567890123456' })), 400, '/v1/partners', { companyNpwp: 'len' });
      expectProblem(await admin.post('/v1/partners', partnerBody({ companyNpwp: '01234567890abcde' })), 400, '/v1/partners', { companyNpwp: 'len' });
    });

    it('refuses a duplicate name with 409', async () => {
      const body = partnerBody();
      await create('/v1/partners', body);
      expectProblem(await admin.post('/v1/partners', partnerBody({ companyName: body.companyName })), 409, '/v1/partners', { companyName: 'unique' });
    });

    it('filters by group (companyGroup accepted) and refuses an unknown group', async () => {
      await create('/v1/partners', partnerBody({ group: 'cbf', businessLicense: null }));
      const response = await admin.get<ListBody<{ group: string }>>('/v1/partners?group=cbf');
      expect(response.body.data.length).toBeGreaterThan(0);
      expect(new Set(response.body.data.map((row) => row.group))).toEqual(new Set(['cbf']));
      expect((await admin.get<ListBody>('/v1/partners?companyGroup=cbf')).body.metadata.total_data).toBe(response.body.metadata.total_data);
      expectProblem(await admin.get('/v1/partners?group=pirate'), 400, '/v1/partners', { group: 'oneof' });
    });
  });

  describe('locations', () => {
    it('derives the time zone from the position: WIB, WITA, WIT', async () => {
      const places: Array<[number, number, string]> = [
        [-6.1, 106.88, 'Asia/Jakarta'],
        [-1.26, 116.8, 'Asia/Makassar'],
        [-3.7, 128.2, 'Asia/Jayapura'],
      ];
      for (const [latitude, longitude, timezone] of places) {
        const location = await create<{ timezone: string; id: string }>('/v1/locations', {
          name: unique('Jetty'),
          area: 'area2',
          type: 'loadingPoint',
          latitude,
          longitude,
        });
        expect(location.timezone).toBe(timezone);
        expect((await admin.get(`/v1/locations/${location.id}`)).body).toMatchObject({ latitude, longitude, timezone, area: 'area2', type: 'loadingPoint' });
      }
    });

    it('refuses a position outside Indonesia (the document example) naming the coordinate', async () => {
      const body = expectProblem(
        await admin.post('/v1/locations', { name: unique('Lokasi'), area: 'area1', type: 'loadingPoint', longitude: 2.32343, latitude: 3.34343 }),
        400,
        '/v1/locations',
        { longitude: 'indonesia' },
      );
      expect(body.errors?.[0]?.value).toBe(2.32343);
      expectProblem(
        await admin.post('/v1/locations', { name: unique('Lokasi'), area: 'area1', type: 'loadingPoint', latitude: 3.1, longitude: 101.7 }),
        400,
        '/v1/locations',
        {
          latitude: 'indonesia',
          longitude: 'indonesia',
        },
      );
    });

    it('disables the area for unloadingPoint and ispPoint, and requires it otherwise', async () => {
      const unloading = await create<{ area: unknown }>('/v1/locations', { name: unique('Bongkar'), area: 'area3', type: 'unloadingPoint', ...jakarta });
      expect(unloading.area).toBeNull();
      const stockpile = await create<{ area: unknown }>('/v1/locations', {
        name: unique('Stockpile'),
        area: 'area1',
        functionLocation: 'ispPoint',
        ...jakarta,
      });
      expect(stockpile).toMatchObject({ area: null, type: 'ispPoint' });
      expectProblem(await admin.post('/v1/locations', { name: unique('Jetty'), type: 'anchorage', ...jakarta }), 400, '/v1/locations', { area: 'required_if' });
    });

    it('takes type and area from their enums', async () => {
      expectProblem(await admin.post('/v1/locations', { name: unique('Jetty'), type: 'harbour', area: 'area9', ...jakarta }), 400, '/v1/locations', {
        type: 'oneof',
        area: 'oneof',
      });
      expectProblem(
        await admin.post('/v1/locations', { name: unique('Jetty'), type: 'loadingPoint', area: 'area1', latitude: '-6.1', longitude: 106.8 }),
        400,
        '/v1/locations',
        {
          latitude: 'number',
        },
      );
    });

    it('refuses a duplicate name with 409', async () => {
      const name = unique('Jetty Kembar');
      await create('/v1/locations', { name, area: 'area1', type: 'cbfPoint', ...jakarta });
      expectProblem(await admin.post('/v1/locations', { name: name.toLowerCase(), area: 'area1', type: 'cbfPoint', ...jakarta }), 409, '/v1/locations', {
        name: 'unique',
      });
    });

    it('filters by type and area, also at the /v1/locations/ spelling', async () => {
      const response = await admin.get<ListBody<{ type: string; area: string }>>('/v1/locations/?type=loadingPoint&area=area2&limit=100');
      expect(response.status).toBe(200);
      expect(response.body.data.length).toBeGreaterThanOrEqual(3);
      for (const row of response.body.data) expect(row).toMatchObject({ type: 'loadingPoint', area: 'area2' });
      const unloading = await admin.get<ListBody<{ type: string }>>('/v1/locations?functionLocation=unloadingFunction&limit=100');
      expect(new Set(unloading.body.data.map((row) => row.type))).toEqual(new Set(['unloadingPoint']));
      expectProblem(await admin.get('/v1/locations?area=area5'), 400, '/v1/locations', { area: 'oneof' });
    });
  });

  describe('power plants', () => {
    let owner: { id: string; companyName: string };
    let unloading: { id: string };

    beforeAll(async () => {
      owner = await create('/v1/customers', customerBody());
      unloading = await unloadingPoint();
    });

    const plantBody = (overrides: Record<string, unknown> = {}) => ({
      name: unique('PLTU Adipala'),
      ownerId: owner.id,
      ownerGroup: 'plnGroup',
      latitude: -7.69,
      longitude: 109.14,
      unloadingLocationId: unloading.id,
      ...overrides,
    });

    it('answers the owner and the unloading location as the document shows', async () => {
      const plant = await admin.post('/v1/powerplants', plantBody({ name: 'PLTU 2 Jawa Tengah Adipala' }));
      expect(plant.status).toBe(201);
      expect(plant.body).toMatchObject({
        name: 'PLTU 2 Jawa Tengah Adipala',
        owner: { id: owner.id, companyName: owner.companyName },
        ownerGroup: 'plnGroup',
        latitude: -7.69,
        longitude: 109.14,
        unloadingLocation: { id: unloading.id, type: 'unloadingPoint', timezone: 'Asia/Jakarta', latitude: jakarta.latitude, longitude: jakarta.longitude },
      });
    });

    it('wants a customer as owner', async () => {
      expectProblem(await admin.post('/v1/powerplants', plantBody({ ownerId: randomUUID() })), 400, '/v1/powerplants', { ownerId: 'exists' });
      expectProblem(await admin.post('/v1/powerplants', plantBody({ ownerId: 'plnIp' })), 400, '/v1/powerplants', { ownerId: 'uuid' });
    });

    it('wants an unloadingPoint as unloading location', async () => {
      const jetty = await create<{ id: string }>('/v1/locations', { name: unique('Jetty Muat'), area: 'area1', type: 'loadingPoint', ...jakarta });
      const body = expectProblem(await admin.post('/v1/powerplants', plantBody({ unloadingLocationId: jetty.id })), 400, '/v1/powerplants', {
        unloadingLocationId: 'unloadingPoint',
      });
      expect(body.errors?.[0]?.message).toContain('unloadingPoint');
    });

    it('takes ownerGroup from its enum and the position from Indonesia', async () => {
      expectProblem(await admin.post('/v1/powerplants', plantBody({ ownerGroup: 'swasta', latitude: 2.2415, longitude: 4.2325 })), 400, '/v1/powerplants', {
        ownerGroup: 'oneof',
      });
      expectProblem(await admin.post('/v1/powerplants', plantBody({ latitude: 2.2415, longitude: 4.2325 })), 400, '/v1/powerplants', {
        longitude: 'indonesia',
      });
    });

    it('accepts the document other spellings of owner and group, and a body sent back as read', async () => {
      const plant = await create<Record<string, unknown> & { id: string }>(
        '/v1/powerplants',
        plantBody({ ownerId: undefined, owner: owner.id, ownerGroup: undefined, powerPlantGroup: 'ipp' }),
      );
      expect(plant).toMatchObject({ owner: { id: owner.id }, ownerGroup: 'ipp' });
      const updated = await admin.put(`/v1/powerplants/${plant.id}`, { ...plant, ownerGroup: 'nonElectrical' });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ ownerGroup: 'nonElectrical', unloadingLocation: { id: unloading.id } });
    });

    it('filters by owner and group, also at /v1/powerplants/', async () => {
      const otherOwner = await create<{ id: string }>('/v1/customers', customerBody());
      await create('/v1/powerplants', plantBody({ ownerId: otherOwner.id, ownerGroup: 'ipp' }));
      const byOwner = await admin.get<ListBody<{ owner: { id: string } }>>(`/v1/powerplants/?powerPlantOwnerId=${otherOwner.id}`);
      expect(byOwner.body.metadata.total_data).toBe(1);
      expect(byOwner.body.data[0]?.owner.id).toBe(otherOwner.id);
      const byGroup = await admin.get<ListBody<{ ownerGroup: string }>>('/v1/powerplants?powerPlantGroup=ipp&limit=100');
      expect(byGroup.body.data.length).toBeGreaterThan(0);
      expect(new Set(byGroup.body.data.map((row) => row.ownerGroup))).toEqual(new Set(['ipp']));
      expectProblem(await admin.get('/v1/powerplants?powerPlantOwnerId=abc'), 400, '/v1/powerplants', { powerPlantOwnerId: 'uuid' });
    });

    it('refuses to delete a customer or a location while a power plant uses it, and allows it afterwards', async () => {
      const customer = await create<{ id: string }>('/v1/customers', customerBody());
      const location = await unloadingPoint();
      const plant = await create<{ id: string; name: string }>('/v1/powerplants', plantBody({ ownerId: customer.id, unloadingLocationId: location.id }));
      const customerRefused = expectProblem(await admin.delete(`/v1/customers/${customer.id}`), 409, `/v1/customers/${customer.id}`, { id: 'referenced' });
      expect(customerRefused.detail).toContain(plant.name);
      expectProblem(await admin.delete(`/v1/locations/${location.id}`), 409, `/v1/locations/${location.id}`, { id: 'referenced' });
      expectProblem(
        await admin.put(`/v1/locations/${location.id}`, { name: unique('Bukan Bongkar'), type: 'anchorage', area: 'area1', ...jakarta }),
        409,
        `/v1/locations/${location.id}`,
        {
          type: 'referenced',
        },
      );
      expect((await admin.delete(`/v1/powerplants/${plant.id}`)).body).toEqual({ id: plant.id, deleted: true });
      expect((await admin.delete(`/v1/customers/${customer.id}`)).status).toBe(200);
      expect((await admin.delete(`/v1/locations/${location.id}`)).status).toBe(200);
      expect((await admin.get(`/v1/customers/${customer.id}`)).status).toBe(404);
    });
  });

  describe('transportation modes', () => {
    it('accepts and answers the document volume spellings', async () => {
      const mode = await create<Record<string, unknown> & { id: string }>('/v1/transportationModes', {
        name: unique('vessel 33k'),
        classificationMode: 'vessel',
        volumeMax: 10000,
        'volume Min': 1000,
      });
      expect(mode).toMatchObject({ classificationMode: 'vessel', volumeMax: 10000, volumeMin: 1000, 'volume Min': 1000 });
      expect((await admin.get(`/v1/transportationmodes/${mode.id}`)).body).toEqual(mode);
    });

    it('takes classificationMode from its enum and keeps volumeMin at most volumeMax', async () => {
      expectProblem(await admin.post('/v1/transportationModes', { name: unique('Moda'), classificationMode: 'plane' }), 400, '/v1/transportationModes', {
        classificationMode: 'oneof',
      });
      expectProblem(
        await admin.post('/v1/transportationModes', { name: unique('Moda'), classificationMode: 'barge', volumeMax: 10, volumeMin: 20 }),
        400,
        '/v1/transportationModes',
        {
          volumeMin: 'ltefield',
        },
      );
      expectProblem(
        await admin.post('/v1/transportationModes', { name: unique('Moda'), classificationMode: 'barge', volumeMax: -1 }),
        400,
        '/v1/transportationModes',
        {
          volumeMax: 'gte',
        },
      );
    });

    it('refuses a duplicate name with 409', async () => {
      const name = unique('310 ft');
      await create('/v1/transportationModes', { name, classificationMode: 'barge' });
      expectProblem(await admin.post('/v1/transportationModes', { name, classificationMode: 'truck' }), 409, '/v1/transportationModes', { name: 'unique' });
    });

    it('filters vessels and barges with isVessel, and by classificationMode', async () => {
      await create('/v1/transportationModes', { name: unique('Truk 20 ton'), classificationMode: 'truck' });
      const vessels = await admin.get<ListBody<{ classificationMode: string }>>('/v1/transportationModes/?isVessel=true&limit=100');
      expect(new Set(vessels.body.data.map((row) => row.classificationMode))).toEqual(new Set(['vessel', 'barge']));
      const trucks = await admin.get<ListBody<{ classificationMode: string }>>('/v1/transportationModes?isVessel=false&limit=100');
      expect(new Set(trucks.body.data.map((row) => row.classificationMode))).toEqual(new Set(['truck']));
      const barges = await admin.get<ListBody<{ classificationMode: string }>>('/v1/transportationModes?classificationMode=barge');
      expect(new Set(barges.body.data.map((row) => row.classificationMode))).toEqual(new Set(['barge']));
      expectProblem(await admin.get('/v1/transportationModes?isVessel=maybe'), 400, '/v1/transportationModes', { isVessel: 'boolean' });
    });
  });

  describe('vessels', () => {
    let imo = 1231521;
    let mmsi = 525123456;
    const vesselBody = (overrides: Record<string, unknown> = {}) => ({
      name: unique('TB Queen 05/BG Bulesko V'),
      initial: 'QBV',
      portOfRegister: 'Senyiur',
      imoId: ++imo,
      mmsiNo: ++mmsi,
      vesselType: 'tugboat',
      speed: 12,
      capacity: 1000,
      productionYear: 2008,
      pic: 'Budi',
      picContact: '082334568923',
      ...overrides,
    });

    it('stores the document fields with IMO and MMSI as numbers', async () => {
      const body = vesselBody();
      const vessel = await admin.post('/v1/vessels', body);
      expect(vessel.status).toBe(201);
      expect(vessel.body).toEqual({ ...body, id: expect.any(String), createdAt: expect.any(String), updatedAt: expect.any(String) });
    });

    it('wants an IMO of 7 digits and an MMSI of 9 digits', async () => {
      expectProblem(await admin.post('/v1/vessels', vesselBody({ imoId: 123456, mmsiNo: 52512345 })), 400, '/v1/vessels', { imoId: 'len', mmsiNo: 'len' });
      expectProblem(await admin.post('/v1/vessels', vesselBody({ imoId: 12345678 })), 400, '/v1/vessels', { imoId: 'len' });
      expect((await admin.post('/v1/vessels', vesselBody({ imoId: String(++imo), mmsiNo: String(++mmsi) }))).status).toBe(201);
    });

    it('refuses a duplicate IMO, MMSI or name with 409', async () => {
      const first = vesselBody();
      await create('/v1/vessels', first);
      expectProblem(await admin.post('/v1/vessels', vesselBody({ imoId: first.imoId })), 409, '/v1/vessels', { imoId: 'unique' });
      expectProblem(await admin.post('/v1/vessels', vesselBody({ mmsiNo: first.mmsiNo })), 409, '/v1/vessels', { mmsiNo: 'unique' });
      expectProblem(await admin.post('/v1/vessels', vesselBody({ name: first.name })), 409, '/v1/vessels', { name: 'unique' });
    });

    it('takes vesselType from its enum and filters by it', async () => {
      expectProblem(await admin.post('/v1/vessels', vesselBody({ vesselType: 'submarine' })), 400, '/v1/vessels', { vesselType: 'oneof' });
      await create('/v1/vessels', vesselBody({ vesselType: 'barge' }));
      const barges = await admin.get<ListBody<{ vesselType: string }>>('/v1/vessels/?type=barge&limit=100');
      expect(barges.body.data.length).toBeGreaterThan(0);
      expect(new Set(barges.body.data.map((row) => row.vesselType))).toEqual(new Set(['barge']));
    });

    it('is also updated at the document spelling PUT /v1/transportationModes/{id}', async () => {
      const vessel = await create<{ id: string }>('/v1/vessels', vesselBody());
      const renamed = vesselBody({ vesselType: 'vessel' });
      const response = await admin.put(`/v1/transportationModes/${vessel.id}`, renamed);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: vessel.id, name: renamed.name, vesselType: 'vessel', mmsiNo: renamed.mmsiNo });
      expect((await admin.get(`/v1/vessels/${vessel.id}`)).body).toMatchObject({ name: renamed.name });
      expectProblem(await admin.put(`/v1/transportationModes/${vessel.id}`, vesselBody({ imoId: 1 })), 400, `/v1/transportationModes/${vessel.id}`, {
        imoId: 'len',
      });
    });

    it('updates and deletes a vessel', async () => {
      const vessel = await create<{ id: string }>('/v1/vessels', vesselBody());
      const renamed = vesselBody();
      expect((await admin.put(`/v1/vessels/${vessel.id}`, renamed)).body).toMatchObject({ id: vessel.id, name: renamed.name, imoId: renamed.imoId });
      expect((await admin.delete(`/v1/vessels/${vessel.id}`)).status).toBe(200);
      expect((await admin.get(`/v1/vessels/${vessel.id}`)).status).toBe(404);
    });
  });

  it('keeps an audit trail of every write with actor, before and after', async () => {
    const created = await create<{ id: string; companyName: string }>('/v1/customers', customerBody());
    const renamed = customerBody();
    await admin.put(`/v1/customers/${created.id}`, renamed);
    await admin.delete(`/v1/customers/${created.id}`);
    const { rows } = await suite.database.query<{
      action: string;
      actor_name: string;
      actor_role: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>(
      `SELECT "action", "actor_name", "actor_role", "before", "after" FROM "crm"."audit_logs" WHERE "entity" = 'customer' AND "entity_id" = $1 ORDER BY "id"`,
      [created.id],
    );
    expect(rows).toEqual([
      {
        action: 'create',
        actor_name: 'admin@gerbang.local',
        actor_role: 'admin',
        before: null,
        after: expect.objectContaining({ companyName: created.companyName }),
      },
      {
        action: 'update',
        actor_name: 'admin@gerbang.local',
        actor_role: 'admin',
        before: expect.objectContaining({ companyName: created.companyName }),
        after: expect.objectContaining({ companyName: renamed.companyName }),
      },
      {
        action: 'delete',
        actor_name: 'admin@gerbang.local',
        actor_role: 'admin',
        before: expect.objectContaining({ companyName: renamed.companyName }),
        after: null,
      },
    ]);
    const failed = await admin.post('/v1/customers', customerBody({ companyName: renamed.companyName, companyNpwp: 'x' }));
    expect(failed.status).toBe(400);
    const { rows: total } = await suite.database.query(`SELECT count(*)::int AS n FROM "crm"."audit_logs" WHERE "entity_id" = $1`, [created.id]);
    expect(total).toEqual([{ n: 3 }]);
  });
});
