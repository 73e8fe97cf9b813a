import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Reads and validates the environment into a config class at boot. On any problem the
 * process refuses to start and says which variables are wrong, rather than failing later.
 */
export function loadConfig<T extends object>(configClass: new () => T, environment: NodeJS.ProcessEnv = process.env): T {
  const config = plainToInstance(configClass, { ...environment }, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => `  ${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`);
    throw new ConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}
