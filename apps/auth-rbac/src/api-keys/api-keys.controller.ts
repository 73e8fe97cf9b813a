import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { AUTH_SUBJECTS, type ApiKeyPrincipal, type ApiKeySummary, type CreatedApiKey } from '@gerbang/contracts';
import { validateInput } from '@gerbang/runtime';
import { auditContextOf } from '../common/audit-context.js';
import { ApiKeysService } from './api-keys.service.js';
import { CreateApiKeyDto, ListApiKeysDto, RevokeApiKeyDto, VerifyApiKeyDto } from './dto/api-key.dto.js';

@Controller()
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** VerifyApiKeyRequest from the gateway; answers the ApiKeyPrincipal or unauthenticated/forbidden. */
  @MessagePattern(AUTH_SUBJECTS.verifyApiKey)
  async verify(@Payload() payload: unknown): Promise<ApiKeyPrincipal> {
    return this.apiKeys.verify(await validateInput(VerifyApiKeyDto, payload));
  }

  @MessagePattern(AUTH_SUBJECTS.adminCreateApiKey)
  async create(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<CreatedApiKey> {
    const input = await validateInput(CreateApiKeyDto, payload);
    return this.apiKeys.create(input, auditContextOf(context, input.actor));
  }

  @MessagePattern(AUTH_SUBJECTS.adminListApiKeys)
  async list(@Payload() payload: unknown): Promise<ApiKeySummary[]> {
    const input = await validateInput(ListApiKeysDto, payload);
    return this.apiKeys.list(input.realm, input.includeRevoked ?? false);
  }

  @MessagePattern(AUTH_SUBJECTS.adminRevokeApiKey)
  async revoke(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<ApiKeySummary> {
    const input = await validateInput(RevokeApiKeyDto, payload);
    return this.apiKeys.revoke(input.realm, input.keyId, auditContextOf(context, input.actor));
  }
}
