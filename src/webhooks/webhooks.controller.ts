import { Body, Controller, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { WebhookKeyPipe } from './webhook-key.pipe.js';
import { type ListDeliveriesQueryDto, listDeliveriesQuerySchema, type PutWebhookDto, putWebhookSchema, WebhookDeliveryDto, WebhookDto } from './webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOkResponse({ type: [WebhookDto] })
  async list(): Promise<WebhookDto[]> {
    return (await this.webhooks.list()).map(WebhookDto.of);
  }

  @Get(':key')
  @Roles('admin', 'auditor')
  @ApiOkResponse({ type: WebhookDto })
  async get(@Param('key', WebhookKeyPipe) key: string): Promise<WebhookDto> {
    return WebhookDto.of(await this.webhooks.get(key));
  }

  @Put(':key')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookDto, description: '201 when the webhook is new, 200 when it was replaced; 400 names the field at fault' })
  async put(
    @Param('key', WebhookKeyPipe) key: string,
    @Body({ schema: putWebhookSchema }) body: PutWebhookDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WebhookDto> {
    const { webhook, created } = await this.webhooks.put(principal, key, { url: body.url, events: body.events, secretEnv: body.secretEnv, enabled: body.enabled });
    if (created) response.status(201);
    return WebhookDto.of(webhook);
  }

  @Get(':key/deliveries')
  @Roles('admin', 'auditor')
  @ApiOkResponse({ type: [WebhookDeliveryDto], description: 'Newest first' })
  async deliveries(@Param('key', WebhookKeyPipe) key: string, @Query({ schema: listDeliveriesQuerySchema }) query: ListDeliveriesQueryDto): Promise<WebhookDeliveryDto[]> {
    return (await this.webhooks.deliveriesOf(key, query.limit, query.before)).map(WebhookDeliveryDto.of);
  }
}
