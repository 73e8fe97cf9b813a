/** One entry as the outbox writes it: a fixture for the consumer's tests. */
export const outboxEntry = (entryId: number, sourceIp: string | null = null) => ({
  entryId,
  locationCode: 'kerkof_01',
  gateCode: 'gate01',
  category: 'motor',
  eventTime: 1703123456,
  price: 5000,
  sourceIp,
  createdAt: '2025-01-17T03:30:01.000Z',
});
