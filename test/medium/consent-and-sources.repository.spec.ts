import { NotFoundException } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventRepository } from '../../src/audit/audit-event.repository.js';
import { AuditService } from '../../src/audit/audit.service.js';
import type { Principal } from '../../src/auth/principal.js';
import { BorrowerRepository } from '../../src/borrowers/borrower.repository.js';
import { BorrowersService } from '../../src/borrowers/borrowers.service.js';
import { consentInForce, NO_CONSENT } from '../../src/consent/consent-in-force.js';
import { ConsentRepository } from '../../src/consent/consent.repository.js';
import { ConsentService } from '../../src/consent/consent.service.js';
import { openDataSource } from '../../src/database/data-source-options.js';
import { Transactions } from '../../src/database/transactions.service.js';
import { DeclaredSourcesService } from '../../src/sources/declared-sources.service.js';
import { SourceRepository } from '../../src/sources/source.repository.js';
import { SourcesService } from '../../src/sources/sources.service.js';
import { createTestDatabase } from '../support/test-database.js';

const ADMIN: Principal = { id: 'admin-1', role: 'admin' };
const PLATFORM: Principal = { id: 'platform-1', role: 'platform' };

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataSource: DataSource;
let moduleRef: TestingModule;

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = await openDataSource({ url: database.url, poolSize: 4 });
  // The providers as the app wires them, over this database; no config file declares sources here.
  moduleRef = await Test.createTestingModule({
    providers: [
      { provide: getDataSourceToken(), useValue: dataSource },
      { provide: DeclaredSourcesService, useValue: { sources: [] } },
      Transactions,
      AuditEventRepository,
      AuditService,
      BorrowerRepository,
      BorrowersService,
      ConsentRepository,
      ConsentService,
      SourceRepository,
      SourcesService,
    ],
  }).compile();
});
afterAll(async () => {
  await moduleRef?.close();
  await dataSource?.destroy();
  await database?.drop();
});

describe('ConsentRepository with consentInForce', () => {
  const grant = (externalSources: boolean, thirdPartyContact: boolean, grantedAt: string, evidenceRef = `doc-${grantedAt}`) => ({
    externalSources,
    thirdPartyContact,
    evidenceRef,
    grantedAt: new Date(grantedAt),
  });

  it('finds no consent for a borrower without records', async () => {
    const borrowerId = await moduleRef.get(BorrowersService).ensure('CONSENT-NONE');
    const facts = await moduleRef.get(ConsentRepository).latestFacts(borrowerId);
    expect(facts).toEqual([]);
    expect(consentInForce(facts)).toEqual(NO_CONSENT);
    await expect(moduleRef.get(ConsentService).current(borrowerId)).resolves.toEqual(NO_CONSENT);
  });

  it('puts the latest record in force, so a revocation wins over earlier grants whatever its grantedAt', async () => {
    const consents = moduleRef.get(ConsentService);
    const repository = moduleRef.get(ConsentRepository);
    await consents.record(PLATFORM, 'CONSENT-1', grant(true, true, '2026-01-10T00:00:00Z'));
    await consents.record(PLATFORM, 'CONSENT-1', grant(true, false, '2026-02-10T00:00:00Z'));
    const borrowerId = await moduleRef.get(BorrowersService).requireId('CONSENT-1');
    await expect(consents.current(borrowerId)).resolves.toEqual({ externalSources: true, thirdPartyContact: false });

    // Recorded last, signed before the others: insertion order decides.
    await consents.record(PLATFORM, 'CONSENT-1', grant(false, false, '2026-01-01T00:00:00Z', 'revocation-1'));

    const history = await repository.history(borrowerId, 100);
    expect(history.map((record) => record.evidenceRef)).toEqual(['revocation-1', 'doc-2026-02-10T00:00:00Z', 'doc-2026-01-10T00:00:00Z']);
    expect(history[0]).toMatchObject({ borrowerId, externalSources: false, thirdPartyContact: false, recordedBy: PLATFORM.id });
    expect(history[0].grantedAt).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(history[0].recordedAt).toBeInstanceOf(Date);
    expect(BigInt(history[0].id)).toBeGreaterThan(BigInt(history[1].id));

    const latest = await repository.latestFacts(borrowerId);
    expect(latest).toEqual([{ id: history[0].id, externalSources: false, thirdPartyContact: false }]);
    // The rule over the whole history and over the latest record alone agree.
    expect(consentInForce(history)).toEqual(NO_CONSENT);
    expect(consentInForce(latest)).toEqual(NO_CONSENT);
    await expect(consents.current(borrowerId)).resolves.toEqual(NO_CONSENT);

    const shown = await consents.history('CONSENT-1');
    expect(shown.current).toMatchObject({ evidenceRef: 'revocation-1', externalSources: false, thirdPartyContact: false });
    expect(shown.history).toHaveLength(3);
  });

  it('puts a grant after a revocation back in force, and keeps each borrower to its own records', async () => {
    const repository = moduleRef.get(ConsentRepository);
    const borrowers = moduleRef.get(BorrowersService);
    const [first, second] = [await borrowers.ensure('CONSENT-2'), await borrowers.ensure('CONSENT-3')];
    const record = { evidenceRef: 'doc', grantedAt: new Date('2026-03-01T00:00:00Z'), recordedBy: PLATFORM.id };
    await repository.insert({ borrowerId: first, externalSources: true, thirdPartyContact: true, ...record });
    await repository.insert({ borrowerId: first, externalSources: false, thirdPartyContact: false, ...record });
    await repository.insert({ borrowerId: second, externalSources: true, thirdPartyContact: false, ...record });
    await repository.insert({ borrowerId: first, externalSources: false, thirdPartyContact: true, ...record });

    expect(consentInForce(await repository.latestFacts(first))).toEqual({ externalSources: false, thirdPartyContact: true });
    expect(consentInForce(await repository.latestFacts(second))).toEqual({ externalSources: true, thirdPartyContact: false });
    expect(await repository.history(first, 2)).toHaveLength(2);
    expect(await repository.history(second, 100)).toHaveLength(1);
  });
});

describe('SourceRepository', () => {
  it('round-trips a source through upsert, findByKey and list', async () => {
    const repository = moduleRef.get(SourceRepository);
    await repository.upsert({ key: 'repo-b', system: 'credit_bureau', kind: 'external', displayName: null, trust: 0.6, declaredIn: 'api' });
    await repository.upsert({ key: 'repo-a', system: 'sales', kind: 'internal', displayName: 'CRM', trust: 0.85, declaredIn: 'config' });

    const created = await repository.findByKey('repo-a');
    expect(created).toEqual({
      key: 'repo-a',
      system: 'sales',
      kind: 'internal',
      displayName: 'CRM',
      trust: 0.85,
      declaredIn: 'config',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    await expect(repository.findByKey('repo-missing')).resolves.toBeUndefined();

    await repository.upsert({ key: 'repo-a', system: 'customer_service', kind: 'internal', displayName: null, trust: 0.7, declaredIn: 'api' });
    const updated = await repository.findByKey('repo-a');
    expect(updated).toMatchObject({ system: 'customer_service', displayName: null, trust: 0.7, declaredIn: 'api', createdAt: created!.createdAt });
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(created!.updatedAt.getTime());

    const keys = (await repository.list()).map((source) => source.key);
    expect(keys.filter((key) => key.startsWith('repo-'))).toEqual(['repo-a', 'repo-b']);
    expect(keys).toEqual([...keys].sort());
  });

  it('reads a source under a row lock inside a transaction', async () => {
    const repository = moduleRef.get(SourceRepository);
    await repository.upsert({ key: 'repo-locked', system: 'other', kind: 'internal', displayName: null, trust: 0.8, declaredIn: 'api' });
    const read = await moduleRef.get(Transactions).run((transaction) => repository.findByKeyForUpdate('repo-locked', transaction));
    expect(read).toMatchObject({ key: 'repo-locked', system: 'other' });
  });

  it('backs SourcesService.put/get/list: new, unchanged and updated, each change audited', async () => {
    const sources = moduleRef.get(SourcesService);
    const first = await sources.put(ADMIN, { key: 'svc-bureau', system: 'credit_bureau', kind: 'external' });
    expect(first.created).toBe(true);
    expect(first.source).toMatchObject({ key: 'svc-bureau', kind: 'external', trust: 0.6, displayName: null, declaredIn: 'api' });

    const again = await sources.put(ADMIN, { key: 'svc-bureau', system: 'credit_bureau', kind: 'external' });
    expect(again).toEqual({ source: first.source, created: false });

    const changed = await sources.put(ADMIN, { key: 'svc-bureau', system: 'credit_bureau', kind: 'external', trust: 0.9, displayName: 'Bureau' });
    expect(changed.created).toBe(false);
    await expect(sources.get('svc-bureau')).resolves.toEqual(changed.source);
    expect(changed.source).toMatchObject({ trust: 0.9, displayName: 'Bureau', createdAt: first.source.createdAt });
    expect((await sources.list()).some((source) => source.key === 'svc-bureau')).toBe(true);
    await expect(sources.get('svc-missing')).rejects.toBeInstanceOf(NotFoundException);

    const audit = await moduleRef.get(AuditService).find({ targetType: 'source', targetId: 'svc-bureau', limit: 10 });
    expect(audit.items.map((event) => event.action)).toEqual(['source.updated', 'source.registered']);
    expect(audit.items[0]).toMatchObject({
      actorId: ADMIN.id,
      actorRole: 'admin',
      details: { before: { trust: 0.6, displayName: null }, after: { trust: 0.9, displayName: 'Bureau' } },
    });
    expect(audit.nextCursor).toBeNull();
    const page = await moduleRef.get(AuditService).find({ targetId: 'svc-bureau', limit: 1 });
    expect(page.items.map((event) => event.action)).toEqual(['source.updated']);
    const older = await moduleRef.get(AuditService).find({ targetId: 'svc-bureau', limit: 1, before: page.nextCursor! });
    expect(older.items.map((event) => event.action)).toEqual(['source.registered']);
  });
});
