import { Controller, Get, type INestApplication, Param } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseInputErrorFilter } from './database-input-error.filter.js';

@Controller('fail')
class FailingController {
  @Get(':code') fail(@Param('code') code: string): never {
    throw new QueryFailedError('SELECT 1', [], Object.assign(new Error(`database error ${code}`), { code }));
  }
}

let app: INestApplication;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ controllers: [FailingController], providers: [{ provide: APP_FILTER, useClass: DatabaseInputErrorFilter }] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.init();
});
afterAll(() => app?.close());

describe('DatabaseInputErrorFilter', () => {
  it('answers the database refusing a value 400, whatever the value', async () => {
    for (const code of ['22P02', '22021', '22001', '22003', '22007', '22008', '22P05', '54000', '22999']) {
      const response = await request(app.getHttpServer()).get(`/fail/${code}`);
      expect(response.status, code).toBe(400);
      expect(response.body.message).toMatch(/^request rejected by the database: /);
    }
  });

  it('leaves every other database failure a 500', async () => {
    for (const code of ['40P01', '23505', '57014']) expect((await request(app.getHttpServer()).get(`/fail/${code}`)).status, code).toBe(500);
  });
});
