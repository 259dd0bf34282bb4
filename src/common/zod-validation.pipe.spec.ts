import { Body, Controller, Get, type INestApplication, Post, Put, Query } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditEventQueryDto, auditEventQuerySchema } from '../audit/audit-event.dto.js';
import { type PutConsentDto, putConsentSchema } from '../consent/consent.dto.js';
import { UNMASK_QUERY } from '../privacy/unmask-query.js';
import { type DecisionDto, decisionSchema, type SplitDto, splitSchema, type SuggestionQueryDto, suggestionQuerySchema } from '../review/review.dto.js';
import { ZodValidationPipe } from './zod-validation.pipe.js';

// Routes shaped like the real ones, with the real schemas; each answers what its handler received.
@Controller('probe')
class ProbeController {
  @Post('decision') decision(@Body({ schema: decisionSchema }) body: DecisionDto) {
    return body;
  }

  @Post('split') split(@Body({ schema: splitSchema }) body: SplitDto) {
    return body;
  }

  @Put('consent') consent(@Body({ schema: putConsentSchema }) body: PutConsentDto) {
    return { ...body, grantedAt: body.grantedAt.toISOString() };
  }

  @Get('suggestions') suggestions(@Query({ schema: suggestionQuerySchema }) query: SuggestionQueryDto) {
    return { ...query, limitType: typeof query.limit };
  }

  @Get('audit') audit(@Query({ schema: auditEventQuerySchema }) query: AuditEventQueryDto) {
    return { ...query, from: query.from?.toISOString() };
  }

  @Get('record') record(@Query('unmask', { schema: UNMASK_QUERY.unmask }) unmask?: string, @Query('reason', { schema: UNMASK_QUERY.reason }) reason?: string) {
    return { unmask, reason };
  }

  @Post('raw') raw(@Body() body: unknown, @Query('anything') anything?: string) {
    return { body, anything };
  }
}

let app: INestApplication;
const http = () => request(app.getHttpServer());

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalPipes(new ZodValidationPipe());
  await app.init();
});
afterAll(() => app?.close());

describe('ZodValidationPipe', () => {
  it('answers a bad body 400 with a message naming each bad field', async () => {
    const response = await http().post('/probe/decision').send({ decision: 'maybe', note: 'x'.repeat(1001) }).expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['decision: "maybe" is not one of accept, reject', 'note: is 1001 characters, at most 1000 allowed'],
    });
  });

  it('refuses fields the schema does not declare, and names missing ones', async () => {
    expect((await http().post('/probe/decision').send({ decision: 'accept', reason: 'x' }).expect(400)).body.message).toEqual(['reason: is not an accepted field']);
    expect((await http().post('/probe/decision').send({}).expect(400)).body.message).toEqual(['decision: is required']);
    expect((await http().put('/probe/consent').send({ externalSources: 'yes', evidenceRef: '' }).expect(400)).body.message).toEqual([
      'externalSources: must be true or false, got a string',
      'thirdPartyContact: is required',
      'evidenceRef: must not be empty',
      'grantedAt: is required',
    ]);
  });

  it('reads a request without a body as an empty one', async () => {
    expect((await http().post('/probe/split').expect(201)).body).toEqual({});
    expect((await http().post('/probe/decision').expect(400)).body.message).toEqual(['decision: is required']);
  });

  it('hands the handler the schema output: dates as Date, no extra keys', async () => {
    const body = { externalSources: true, thirdPartyContact: false, evidenceRef: 'contract-1', grantedAt: '2026-01-01 08:00' };
    expect((await http().put('/probe/consent').send(body).expect(200)).body).toEqual({ ...body, grantedAt: '2026-01-01T00:00:00.000Z' });
    const future = new Date(Date.now() + 2 * 86_400_000).toISOString();
    expect((await http().put('/probe/consent').send({ ...body, grantedAt: future }).expect(400)).body.message).toEqual(['grantedAt: is more than a day in the future']);
    expect((await http().put('/probe/consent').send({ ...body, grantedAt: 'soon' }).expect(400)).body.message).toEqual([
      'grantedAt: "soon" is not an ISO-8601 date-time (e.g. 2024-05-01T09:30:00+08:00)',
    ]);
  });

  it('applies the defaults of a query', async () => {
    expect((await http().get('/probe/suggestions').expect(200)).body).toEqual({ status: 'pending', limit: 50, limitType: 'number' });
    expect((await http().get('/probe/audit').expect(200)).body).toEqual({ limit: 100 });
  });

  it('reads numbers and dates from query strings, and refuses what is not one', async () => {
    expect((await http().get('/probe/suggestions').query({ limit: '7', kind: 'person' }).expect(200)).body).toEqual({ status: 'pending', kind: 'person', limit: 7, limitType: 'number' });
    expect((await http().get('/probe/suggestions').query({ limit: 'ten' }).expect(400)).body.message).toEqual(['limit: must be a number']);
    expect((await http().get('/probe/suggestions').query({ limit: '1.5' }).expect(400)).body.message).toEqual(['limit: must be a whole number']);
    expect((await http().get('/probe/suggestions').query({ limit: '0' }).expect(400)).body.message).toEqual(['limit: must be at least 1']);
    expect((await http().get('/probe/audit').query({ limit: '501' }).expect(400)).body.message).toEqual(['limit: must be at most 500']);
    expect((await http().get('/probe/audit').query({ from: '2024-05-01T00:00:00Z', before: '42' }).expect(200)).body).toEqual({ from: '2024-05-01T00:00:00.000Z', before: '42', limit: 100 });
    expect((await http().get('/probe/audit').query({ before: 'x' }).expect(400)).body.message).toEqual(['before: must be the nextCursor of the previous page']);
    expect((await http().get('/probe/suggestions').query({ page: '2' }).expect(400)).body.message).toEqual(['page: is not an accepted field']);
  });

  it('validates a single query parameter under its own name', async () => {
    expect((await http().get('/probe/record').query({ unmask: 'true', reason: 'case 42' }).expect(200)).body).toEqual({ unmask: 'true', reason: 'case 42' });
    expect((await http().get('/probe/record').query({ unmask: 'yes' }).expect(400)).body.message).toEqual(['unmask: "yes" is not one of true, false']);
    expect((await http().get('/probe/record').query('reason=a&reason=b').expect(400)).body.message).toEqual(['reason: must be a string, got an array']);
  });

  it('leaves parameters without a schema alone', async () => {
    expect((await http().post('/probe/raw?anything=1&anything=2').send({ records: [1] }).expect(201)).body).toEqual({ body: { records: [1] }, anything: ['1', '2'] });
  });

  it('lets @nestjs/swagger document each schema, limits, enums and defaults included', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    type Parameter = { name: string; required?: boolean; schema?: object };
    const suggestions = document.paths['/probe/suggestions'].get?.parameters as Parameter[];
    expect(suggestions.find((parameter) => parameter.name === 'limit')).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } });
    expect(suggestions.find((parameter) => parameter.name === 'status')).toMatchObject({ schema: { enum: ['pending', 'accepted', 'rejected', 'split'], default: 'pending' } });
    const decision = document.paths['/probe/decision'].post?.requestBody as { content: Record<string, { schema: Record<string, unknown> }> };
    expect(decision.content['application/json'].schema).toMatchObject({
      required: ['decision'],
      properties: { decision: { enum: ['accept', 'reject'] }, note: { maxLength: 1000 } },
    });
    const record = document.paths['/probe/record'].get?.parameters as Parameter[];
    expect(record.find((parameter) => parameter.name === 'reason')?.schema).toMatchObject({ type: 'string', maxLength: 500 });
  });
});
