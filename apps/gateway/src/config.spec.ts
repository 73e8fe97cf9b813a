import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@gerbang/runtime';
import { GatewayConfig } from './config.js';

describe('gateway config', () => {
  it('keeps the defaults when nothing is set', () => {
    expect(loadConfig(GatewayConfig, {})).toMatchObject({ PORT: 3000, SSE_MAX_BUFFERED_BYTES: 1_048_576, SSE_MAX_CONNECTIONS: 10_000 });
  });

  it('refuses a stream buffer bound that the response head alone would pass', () => {
    expect(() => loadConfig(GatewayConfig, { SSE_MAX_BUFFERED_BYTES: '1024' })).toThrow(/SSE_MAX_BUFFERED_BYTES: .*65536/);
    expect(loadConfig(GatewayConfig, { SSE_MAX_BUFFERED_BYTES: '65536' }).SSE_MAX_BUFFERED_BYTES).toBe(65_536);
  });
});
