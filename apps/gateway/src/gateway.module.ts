import { Module } from '@nestjs/common';

/**
 * The gateway's Nest module. Routes are not Nest controllers: they are generated from the
 * contract route tables and registered on the Fastify instance (see gateway-server.ts),
 * so adding an endpoint never touches the gateway.
 */
@Module({})
export class GatewayModule {}
