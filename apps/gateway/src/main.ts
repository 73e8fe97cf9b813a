import 'reflect-metadata';
import { connectNats, createLogger, loadConfig, RuntimeSettings } from '@gerbang/runtime';
import { GatewayConfig } from './config.js';
import { createGateway } from './gateway-server.js';

const config = (() => {
  try {
    // The shared settings too: the gateway renders the CRM's timestamps (CRM_TIME_OFFSET_MINUTES).
    loadConfig(RuntimeSettings);
    return loadConfig(GatewayConfig);
  } catch (error) {
    process.stderr.write(`gateway: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
})();
const logger = createLogger('gateway', config.LOG_LEVEL);
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

try {
  const nats = await connectNats('gateway', config.NATS_URL);
  const gateway = await createGateway(config, nats, logger);
  await gateway.app.listen(config.PORT, config.HOST);
  await Promise.all([gateway.jwks.start(), gateway.revocations.start()]);
  logger.child({}, { level: 'info' }).info({ event: 'ready', port: config.PORT }, `gateway ready on port ${config.PORT}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'gateway draining');
    // Fastify stops accepting, lets in-flight requests finish, then closes; bounded by the timer.
    const deadline = setTimeout(() => {
      logger.warn('shutdown timeout: closing remaining connections');
      gateway.fastify.server.closeAllConnections();
    }, config.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    await gateway.app.close();
    gateway.jwks.stop();
    gateway.revocations.stop();
    await nats.drain().catch(() => undefined);
    logger.info('gateway stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
} catch (error) {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
}
