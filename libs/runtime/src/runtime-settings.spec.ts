import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './config.js';
import { RuntimeSettings } from './runtime-settings.js';

describe('shared runtime settings', () => {
  it('keeps the defaults when nothing is set', () => {
    expect(loadConfig(RuntimeSettings, {})).toMatchObject({ SHUTDOWN_GRACE_MS: 2_000, DATABASE_POOL_SIZE: 10, CRM_TIME_OFFSET_MINUTES: 420 });
  });

  it('refuses values that used to become NaN or a port that never listens, naming each variable', () => {
    const refusal = () => loadConfig(RuntimeSettings, { METRICS_PORT: 'abc', DATABASE_POOL_SIZE: '0', SHUTDOWN_GRACE_MS: 'soon', SKIP_MIGRATIONS: 'yes' });
    expect(refusal).toThrow(/METRICS_PORT: /);
    expect(refusal).toThrow(/DATABASE_POOL_SIZE: /);
    expect(refusal).toThrow(/SHUTDOWN_GRACE_MS: /);
    expect(refusal).toThrow(/SKIP_MIGRATIONS: /);
    expect(loadConfig(RuntimeSettings, { METRICS_PORT: '9464', SKIP_MIGRATIONS: '1' })).toMatchObject({ METRICS_PORT: 9464, SKIP_MIGRATIONS: '1' });
  });
});
