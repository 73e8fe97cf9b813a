import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { AUTH_SUBJECTS, type CreatedOAuthClient, type OAuthClientSummary, type ServiceReply, type ServiceRequest } from '@gerbang/contracts';
import { validateInput } from '@gerbang/runtime';
import { auditContextOf } from '../common/audit-context.js';
import { realmOfMessage } from '../common/realm.js';
import { CreateOAuthClientDto, ListOAuthClientsDto, RevokeOAuthClientDto } from './dto/oauth-client.dto.js';
import { OAuthClientsService } from './oauth-clients.service.js';
import { OAuthError, readTokenRequest } from './token-request.js';

@Controller()
export class OAuthClientsController {
  constructor(private readonly clients: OAuthClientsService) {}

  /** The gateway's ServiceRequest for the token endpoint; always answers `raw` (RFC 6749 bodies). */
  @MessagePattern(AUTH_SUBJECTS.clientToken)
  async token(@Payload() request: Partial<ServiceRequest> | null, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const realm = realmOfMessage(context);
    try {
      return await this.clients.token(readTokenRequest(realm, request), auditContextOf(context));
    } catch (error) {
      if (error instanceof OAuthError) return error.toReply();
      throw error;
    }
  }

  @MessagePattern(AUTH_SUBJECTS.adminCreateClient)
  async create(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<CreatedOAuthClient> {
    const input = await validateInput(CreateOAuthClientDto, payload);
    return this.clients.create(input, auditContextOf(context, input.actor));
  }

  @MessagePattern(AUTH_SUBJECTS.adminListClients)
  async list(@Payload() payload: unknown): Promise<OAuthClientSummary[]> {
    const input = await validateInput(ListOAuthClientsDto, payload);
    return this.clients.list(input.realm, input.includeRevoked ?? false);
  }

  @MessagePattern(AUTH_SUBJECTS.adminRevokeClient)
  async revoke(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<OAuthClientSummary> {
    const input = await validateInput(RevokeOAuthClientDto, payload);
    return this.clients.revoke(input.realm, input.clientId, auditContextOf(context, input.actor));
  }
}
