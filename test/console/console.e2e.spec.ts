import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessQueueDriver } from '../../src/queue/in-process-queue.driver.js';
import {
  chromiumAvailable,
  CHROMIUM_PATH,
  CONSOLE_PASSWORD,
  type ConsoleService,
  createUser,
  type CreatedUser,
  LANGUAGE_STORAGE_KEY,
  launchChromium,
  newConsoleContext,
  type PageWatch,
  setPasswordThroughSetup,
  signedInHeader,
  signInFields,
  signInThroughForm,
  startConsoleService,
  storageKeys,
  watchPage,
} from '../support/console-browser.js';
import { LENDER_MAPPING, lenderRows, postgresLenderDatabase } from '../support/lender-tables.js';
import { aSourceRecord } from '../support/record-factory.js';
import { bearer } from '../support/test-application.js';

// The operator console in a real browser (Chromium through playwright-core) against the service on a
// loopback port. Synthetic people, numbers and addresses only; the screenshots go to docs/console/.

const SCREENSHOTS = join(process.cwd(), 'docs', 'console');
const OPERATOR = { username: 'zhou.review', displayName: '周审核' };
const AUDITOR = { username: 'qian.audit', displayName: '钱审计' };
const BORROWER_REF = 'CL-2026-0501-7';
const BORROWER_PHONE = '13912345678';
const NEW_PHONE = '13987654321';
const CONTACT_PHONE = '13755550123';
const REASON = '案件7回访：核对借款人本人号码';
// Each pair is one flat written twice, the second time with a misspelt estate name: one pending address suggestion each.
const PAIRS = [
  ['广东省深圳市南山区阳光花园3栋2单元501室', '深圳南山区阳光花圆小区3-2-501'],
  ['浙江省杭州市西湖区文一西路88号锦绣苑5幢1单元302室', '杭州西湖区绵绣苑5-1-302'],
  ['江苏省南京市鼓楼区枫林华庭2栋1单元601室', '南京鼓楼区枫林华亭2-1-601'],
] as const;
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
/** expect.poll with room for a busy machine (its default gives up after a second). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 50 });

let service: ConsoleService;
let lender: Awaited<ReturnType<typeof postgresLenderDatabase>>;
let browser: Browser;
let operator: CreatedUser;
/** The operator's browser once signed in through the form: review, lookup and sign-out use it. */
let operatorContext: BrowserContext;
let page: Page;
let watch: PageWatch;
const watches: PageWatch[] = [];

const http = () => service.context.http;
const idle = () => (service.context.queue as InProcessQueueDriver).whenIdle();
const ingest = async (source: string, records: unknown[]) => {
  const response = await request(http()).post(`/v1/sources/${source}/records`).set('Authorization', bearer('platform')).send({ records }).expect(200);
  expect(response.body.rejected).toEqual([]);
};
const suggestionsWith = async (status: string) =>
  (await request(http()).get('/v1/match-suggestions').query({ status, kind: 'address' }).set('Authorization', bearer('operator')).expect(200)).body.items as {
    id: string;
    status: string;
    left: { id: string };
    right: { id: string };
  }[];
const auditOf = async (query: Record<string, string>) =>
  (await request(http()).get('/v1/audit-events').query(query).set('Authorization', bearer('auditor')).expect(200)).body.items as Record<string, unknown>[];
const screenshot = (name: string, target: Page = page) => target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false, animations: 'disabled', caret: 'hide' });
const suggestionOnScreen = () => page.locator('[data-testid="suggestion"]');
const shownSuggestionId = async () => (await suggestionOnScreen().getAttribute('data-suggestion-id')) as string;
/** Waits until the suggestion on screen is a different one from `previous`, and returns its id. */
const nextSuggestionAfter = async (previous: string) => {
  await poll(shownSuggestionId).not.toBe(previous);
  return shownSuggestionId();
};
const navigateTo = async (target: Page, name: RegExp) => target.getByRole('navigation').getByRole('link', { name }).click();

/** A fresh browser context (its own cookie jar and storage) with a watched page. */
async function aWatchedPage(): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const context = await newConsoleContext(browser, service.baseUrl);
  const created = await context.newPage();
  const watched = await watchPage(created);
  watches.push(watched);
  return { context, page: created, watch: watched };
}

/** Nothing but the language key in storage. */
async function expectNothingStored(target: Page) {
  const stored = await storageKeys(target);
  expect(stored.session).toEqual([]);
  expect(stored.local.filter((key) => key !== LANGUAGE_STORAGE_KEY)).toEqual([]);
}

/** Neither the borrower reference nor any of the borrower's numbers in any URL the page showed. */
function expectNoPersonalDataInUrls(watched: PageWatch, current: Page) {
  for (const url of [...watched.urls, current.url()]) {
    const decoded = decodeURIComponent(url);
    for (const secret of [BORROWER_REF, BORROWER_PHONE, NEW_PHONE, CONTACT_PHONE]) expect(decoded, url).not.toContain(secret);
  }
}

const title = chromiumAvailable()
  ? `the operator console in Chromium (${CHROMIUM_PATH})`
  : `the operator console in a browser: skipped, no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;

describe.skipIf(!chromiumAvailable())(title, { timeout: 60_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // A lender's loan-approval table, for a connector run on the runs screen.
    lender = await postgresLenderDatabase();
    await lender.insert(lenderRows(30, { prefix: 'LD' }));
    service = await startConsoleService({ APPROVAL_DATABASE_URL: lender.url });
    await request(http()).put('/v1/sources/crm').set('Authorization', bearer('admin')).send({ system: 'sales', kind: 'internal', displayName: '销售 CRM' }).expect(201);
    await request(http()).put('/v1/sources/loan-app').set('Authorization', bearer('admin')).send({ system: 'approval', kind: 'internal', displayName: '贷款申请' }).expect(201);
    await request(http()).put('/v1/sources/courier').set('Authorization', bearer('admin')).send({ system: 'logistics', kind: 'external', displayName: '物流合作方' }).expect(201);
    await ingest(
      'crm',
      PAIRS.flatMap(([full, short], index) => [
        aSourceRecord({ sourceRecordId: `pair-${index}-a`, borrower: { ref: `RV-${index}-A`, name: '吴一' }, addresses: [{ text: full, kind: 'home' }] }),
        aSourceRecord({ sourceRecordId: `pair-${index}-b`, borrower: { ref: `RV-${index}-B`, name: '郑二' }, addresses: [{ text: short, kind: 'home' }] }),
      ]),
    );
    // The borrower looked up: the application's number, seen long ago; a newer one from deliveries; a contact.
    await ingest('loan-app', [
      aSourceRecord({ sourceRecordId: 'app-1', observedAt: daysAgo(200), borrower: { ref: BORROWER_REF, name: '林测试' }, phones: [BORROWER_PHONE], addresses: [{ text: '上海市徐汇区漕溪北路88号5栋202室', kind: 'home' }] }),
      aSourceRecord({ sourceRecordId: 'app-1-contact', observedAt: daysAgo(200), borrower: { ref: BORROWER_REF, name: '林测试' }, subject: { role: 'contact', name: '林小明', relation: '兄弟' }, phones: [CONTACT_PHONE], addresses: [] }),
    ]);
    await ingest('courier', [
      aSourceRecord({ sourceRecordId: 'parcel-1', observedAt: daysAgo(10), borrower: { ref: BORROWER_REF, name: '林测试' }, phones: [NEW_PHONE], addresses: [] }),
      aSourceRecord({ sourceRecordId: 'parcel-2', observedAt: daysAgo(30), borrower: { ref: BORROWER_REF, name: '林测试' }, phones: [NEW_PHONE], addresses: [] }),
    ]);
    await request(http())
      .put(`/v1/borrowers/${BORROWER_REF}/consents`)
      .set('Authorization', bearer('platform'))
      .send({ externalSources: true, thirdPartyContact: true, evidenceRef: 'consent-doc-7', grantedAt: daysAgo(300) })
      .expect(200);
    await idle();
    expect((await suggestionsWith('pending')).length).toBe(PAIRS.length);
    // The nightly stale scan, run now: the flags screen has something to show.
    await request(http()).post('/v1/jobs/stale-scan').set('Authorization', bearer('admin')).expect(202);
    await idle();

    operator = await createUser(service.context, OPERATOR.username, OPERATOR.displayName, ['operator']);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await lender?.drop();
  });

  it('the one-time setup link signs a new operator in, and the code leaves the address bar', async () => {
    const first = await aWatchedPage();
    try {
      expect(operator.setup.path).toMatch(/^\/console\/setup#username=/);
      await first.page.goto(operator.setup.path);
      await poll(() => first.page.locator('#setup-username').inputValue()).toBe(OPERATOR.username);
      expect(await first.page.locator('#setup-code').inputValue()).toBe(operator.setup.code);
      // The fragment (never sent to a server) is dropped from the address bar and the history at once.
      expect(first.page.url()).toBe(`${service.baseUrl}/console/setup`);
      await screenshot('setup', first.page);
      await setPasswordThroughSetup(first.page, CONSOLE_PASSWORD);
      await signedInHeader(first.page, OPERATOR.displayName).waitFor();
      // An operator's first screen is the review queue.
      await poll(() => first.page.url()).toBe(`${service.baseUrl}/console/review`);
      const user = await request(http()).get(`/v1/users/${operator.user.id}`).set('Authorization', bearer('admin')).expect(200);
      expect(user.body.status).toBe('active');
      expect(first.watch.urls.slice(1).some((url) => url.includes(operator.setup.code))).toBe(false);
      await expectNothingStored(first.page);
    } finally {
      await first.context.close();
    }
  });

  it('signs in through the form', async () => {
    ({ context: operatorContext, page, watch } = await aWatchedPage());
    await page.goto('/console/review');
    const fields = signInFields(page);
    await fields.username.waitFor();
    await poll(() => page.title()).toContain('登录');
    await screenshot('sign-in');
    await signInThroughForm(page, OPERATOR.username, CONSOLE_PASSWORD);
    await signedInHeader(page, OPERATOR.displayName).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/review');
    const cookies = await operatorContext.cookies();
    expect(cookies.find((cookie) => cookie.name === 'cr_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    await expectNothingStored(page);
  });

  it('reviews three suggestions by keyboard: accept merges, reject is recorded, undo puts it back to pending', async () => {
    await suggestionOnScreen().waitFor();
    await poll(() => page.getByTestId('review-progress').textContent()).toContain(`剩余 ${PAIRS.length}`);
    // Where each side was seen: the source and record of each, with its date.
    await poll(async () => (await suggestionOnScreen().getByTestId('sightings').allTextContents()).sort()).toEqual([
      expect.stringMatching(/^crm pair-(\d)-a · 2026/),
      expect.stringMatching(/^crm pair-(\d)-b · 2026/),
    ]);
    // Estate names are masked until the operator asks for them with a reason, which the audit log keeps.
    expect(await suggestionOnScreen().textContent()).not.toMatch(/阳光花|锦绣|绵绣|枫林/);
    await page.getByRole('button', { name: '显示详情…' }).click();
    await page.locator('#dialog-text').fill('核对疑似同一住址');
    await page.locator('dialog button[type="submit"]').click();
    await poll(() => page.getByTestId('review-unmasked').textContent()).toContain('核对疑似同一住址');
    await poll(async () => (await suggestionOnScreen().textContent()) ?? '').toMatch(/阳光花|锦绣|绵绣|枫林/);
    const [shown] = await auditOf({ action: 'match_suggestion.unmasked' });
    expect(shown).toMatchObject({ actorUsername: OPERATOR.username, purpose: '核对疑似同一住址' });
    await screenshot('review');

    // a: accept the first; the next one shows.
    const accepted = await shownSuggestionId();
    const [acceptedPair] = (await suggestionsWith('pending')).filter((item) => item.id === accepted);
    expect(acceptedPair).toBeDefined();
    await page.keyboard.press('a');
    const rejected = await nextSuggestionAfter(accepted);
    // The screen moves on at once and saves the decision in the background: wait for it to be stored.
    await poll(async () => (await suggestionsWith('accepted')).map((item) => item.id)).toEqual([accepted]);
    const merges = (await request(http()).get('/v1/merges').query({ id: acceptedPair.left.id }).set('Authorization', bearer('auditor')).expect(200)).body as Record<string, unknown>[];
    expect(merges).toEqual([
      expect.objectContaining({ suggestionId: accepted, origin: 'operator', mergedBy: `user:${operator.user.id}`, splitAt: null, survivorId: acceptedPair.left.id, mergedId: acceptedPair.right.id }),
    ]);

    // r: reject the second; the third shows, and the rejection is stored and audited under the operator's name.
    await page.keyboard.press('r');
    const third = await nextSuggestionAfter(rejected);
    expect(third).not.toBe(accepted);
    await poll(async () => (await suggestionsWith('rejected')).map((item) => item.id)).toEqual([rejected]);
    const [rejection] = await auditOf({ action: 'match_suggestion.rejected', targetId: rejected });
    expect(rejection).toMatchObject({ actorId: `user:${operator.user.id}`, actorUsername: OPERATOR.username, actorRole: 'operator' });
    await poll(() => page.getByTestId('review-progress').textContent()).toContain(`剩余 ${PAIRS.length - 2}`);

    // u: undo the last decision (the rejection): that suggestion is on screen and pending again.
    await page.keyboard.press('u');
    expect(await nextSuggestionAfter(third)).toBe(rejected);
    await poll(async () => (await suggestionsWith('pending')).map((item) => item.id).sort()).toEqual([rejected, third].sort());
    expect(await suggestionsWith('rejected')).toEqual([]);
    expect((await suggestionsWith('accepted')).map((item) => item.id)).toEqual([accepted]);
    const [undone] = await auditOf({ action: 'match_suggestion.undone', targetId: rejected });
    expect(undone).toMatchObject({ actorUsername: OPERATOR.username, details: expect.objectContaining({ previous: 'rejected' }) });
    await poll(() => page.getByTestId('review-progress').textContent()).toContain(`剩余 ${PAIRS.length - 1}`);

    // The merge the accept made, under merge history.
    await navigateTo(page, /合并记录|Merge/);
    await poll(() => new URL(page.url()).pathname).toBe('/console/merges');
    await page.locator('table.merges-table tbody tr').first().waitFor();
    expect(await page.locator('table.merges-table tbody').textContent()).toContain(OPERATOR.displayName);
    await screenshot('merges');
  });

  it('looks up a borrower, unmasks a number with a reason that the audit log keeps, and leaving drops the number', async () => {
    await navigateTo(page, /借款人查询/);
    await poll(() => new URL(page.url()).pathname).toBe('/console/lookup');
    await page.getByLabel('借款人编号').fill(BORROWER_REF);
    await page.getByLabel('借款人编号').press('Enter');
    const plan = page.getByTestId('contact-plan');
    await plan.waitFor();
    const values = plan.getByTestId('contact-value');
    await values.first().waitFor();
    const masked = await values.allTextContents();
    expect(masked.join(' ')).not.toContain(BORROWER_PHONE);
    expect(masked).toContain(`${BORROWER_PHONE.slice(0, 3)}****${BORROWER_PHONE.slice(-4)}`);
    await screenshot('lookup');

    await plan.getByRole('button', { name: '显示完整号码' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('#dialog-text').fill(REASON);
    await dialog.locator('button[type="submit"]').click();
    await poll(async () => (await values.allTextContents()).join(' ')).toContain(`+86${BORROWER_PHONE}`);
    await page.getByTestId('unmasked-marker').waitFor();
    await expectNothingStored(page);
    expectNoPersonalDataInUrls(watch, page);

    // The audit log names the user and keeps the reason as the purpose.
    const events = await auditOf({ user: OPERATOR.username, action: 'contact_plan.unmasked' });
    const unmasking = events.filter((event) => event.purpose === REASON);
    expect(unmasking.length).toBeGreaterThan(0);
    expect(unmasking[0]).toMatchObject({ actorUsername: OPERATOR.username, actorId: `user:${operator.user.id}`, actorRole: 'operator', borrowerRef: BORROWER_REF, action: expect.stringMatching(/unmask/) });

    // Leaving the screen takes the full number out of the page.
    await navigateTo(page, /审核队列/);
    await suggestionOnScreen().waitFor();
    const html = await page.content();
    for (const phone of [BORROWER_PHONE, NEW_PHONE, CONTACT_PHONE]) expect(html).not.toContain(phone);
    expect(html).not.toContain(REASON);
    expectNoPersonalDataInUrls(watch, page);
    await expectNothingStored(page);

    // Back on the lookup screen, nothing of the borrower is left.
    await navigateTo(page, /借款人查询/);
    await page.getByLabel('借款人编号').waitFor();
    expect(await page.getByLabel('借款人编号').inputValue()).toBe('');
    expect(await page.getByTestId('contact-plan').isVisible()).toBe(false);
    expect(await page.content()).not.toContain(BORROWER_PHONE);
  });

  it('shows the flags screen to the operator, and the audit and runs screens to an auditor and admin', async () => {
    await navigateTo(page, /失联预警/);
    await poll(() => new URL(page.url()).pathname).toBe('/console/flags');
    await page.getByTestId('flags-summary').waitFor();
    await page.getByTestId('flag-row').first().waitFor();
    expect(await page.content()).not.toContain(NEW_PHONE);
    await screenshot('flags');

    // A database connector and one run of it, for the runs screen.
    await request(http())
      .put('/v1/sources/loan-application')
      .set('Authorization', bearer('admin'))
      .send({ system: 'approval', kind: 'internal', displayName: '贷款审批系统' })
      .expect((response) => expect([200, 201]).toContain(response.status));
    await request(http())
      .put('/v1/connectors/loan-application')
      .set('Authorization', bearer('admin'))
      .send({
        source: 'loan-application',
        kind: 'database',
        database: { urlEnv: 'APPROVAL_DATABASE_URL', query: 'SELECT * FROM v_contacts WHERE gmt_modified > :cursor ORDER BY gmt_modified, id', cursor: { column: 'gmt_modified', initial: '1970-01-01' } },
        mapping: LENDER_MAPPING,
      })
      .expect((response) => expect([200, 201]).toContain(response.status));
    const run = await request(http()).post('/v1/connectors/loan-application/runs').set('Authorization', bearer('admin')).expect(202);
    await expect
      .poll(
        async () => {
          await idle();
          return (await request(http()).get(`/v1/connectors/loan-application/runs/${run.body.id}`).set('Authorization', bearer('admin')).expect(200)).body.state;
        },
        { timeout: 20_000 },
      )
      .toBe('completed');

    const auditor = await createUser(service.context, AUDITOR.username, AUDITOR.displayName, ['auditor', 'admin']);
    const second = await aWatchedPage();
    try {
      await second.page.goto(auditor.setup.path);
      await setPasswordThroughSetup(second.page, CONSOLE_PASSWORD);
      await signedInHeader(second.page, AUDITOR.displayName).waitFor();
      await second.page.goto('/console/audit');
      await second.page.getByTestId('audit-row').first().waitFor();
      // The operator's day: the unmasking with its reason, the decisions, the undo.
      await second.page.getByLabel('用户（用户名）').fill(OPERATOR.username);
      await second.page.getByLabel('用户（用户名）').press('Enter');
      // The unfiltered first page may already hold the reason: wait for the filter to have applied (the auditor's own rows gone).
      await poll(() => second.page.getByTestId('audit-row').filter({ hasText: 'qian.audit' }).count()).toBe(0);
      await second.page.getByTestId('audit-row').filter({ hasText: REASON }).first().waitFor();
      // Every row left names the operator.
      expect(await second.page.getByTestId('audit-row').filter({ hasNotText: OPERATOR.username }).count()).toBe(0);
      await screenshot('audit', second.page);
      await second.page.goto('/console/runs');
      await second.page.getByTestId('run-row').first().waitFor();
      await screenshot('runs', second.page);
      expect(second.watch.problems).toEqual([]);
      await expectNothingStored(second.page);
    } finally {
      await second.context.close();
    }
  });

  it('signs out: the old cookie is refused and the page shows the sign-in form', async () => {
    const cookie = (await operatorContext.cookies()).find((entry) => entry.name === 'cr_session');
    expect(cookie).toBeDefined();
    await page.getByRole('button', { name: '退出登录' }).click();
    await signInFields(page).username.waitFor();
    expect(await operatorContext.cookies()).not.toContainEqual(expect.objectContaining({ name: 'cr_session' }));
    const oldCookie = `cr_session=${cookie!.value}`;
    await request(http()).get('/v1/session').set('Cookie', oldCookie).expect(401);
    await request(http()).get('/v1/match-suggestions').set('Cookie', oldCookie).expect(401);
    await request(http()).get(`/v1/borrowers/${BORROWER_REF}/contact-plan`).set('Cookie', oldCookie).expect(401);
    // A reload finds no session either.
    await page.goto('/console/review');
    await signInFields(page).username.waitFor();
    expect(await suggestionOnScreen().count()).toBe(0);
    expectNoPersonalDataInUrls(watch, page);
    await expectNothingStored(page);
    await operatorContext.close();
  });

  it('every console page was no-store, its files revalidated, all with a CSP without unsafe-inline, and no page logged an error or a CSP violation', () => {
    const answers = watches.flatMap((entry) => entry.consoleAnswers);
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.some((answer) => new URL(answer.url).pathname.endsWith('.css'))).toBe(true);
    for (const answer of answers) {
      const file = new URL(answer.url).pathname.startsWith('/console/assets/');
      // Scripts and styles hold no personal data: kept and revalidated (304 when unchanged); pages are never kept.
      expect(answer.status, answer.url).toBe(file && answer.status === 304 ? 304 : 200);
      expect(answer.cacheControl, answer.url).toBe(file ? 'no-cache' : 'no-store');
      expect(answer.contentSecurityPolicy, answer.url).toMatch(/script-src 'self'/);
      expect(answer.contentSecurityPolicy, answer.url).not.toContain('unsafe-inline');
      expect(answer.contentSecurityPolicy, answer.url).not.toContain('unsafe-eval');
    }
    expect(watches.flatMap((entry) => entry.problems)).toEqual([]);
  });
});
