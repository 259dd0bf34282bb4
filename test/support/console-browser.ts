/**
 * The operator console in a real browser: the service listening on an ephemeral port, Chromium driven by
 * playwright-core (the browser the machine has; playwright downloads none), accounts made with the admin
 * key and signed in through the console's own pages. Everything a test sees of the page (console
 * messages, uncaught errors, CSP violations, every URL it showed, the headers of the console's answers)
 * is collected so that the test can assert that nothing went wrong.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import request from 'supertest';
import { bearer, createTestApplication, type TestApplication } from './test-application.js';

/** Chromium from the machine's packages (Debian: `apt-get install chromium`); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);

/** The console is laid out for a collector's laptop. */
export const VIEWPORT = { width: 1366, height: 768 } as const;
/** The one key the console may keep in the browser's storage (src/console/web/i18n.js). */
export const LANGUAGE_STORAGE_KEY = 'contact-recovery.console.language';
/** Synthetic; long enough for the password policy (≥ 12 characters, not the username). */
export const CONSOLE_PASSWORD = 'harbour-lantern-42-console';

export interface ConsoleService {
  context: TestApplication;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  close(): Promise<void>;
}

/** The in-process application (its own cloned database) listening on an ephemeral loopback port. */
export async function startConsoleService(environment: Record<string, string> = {}): Promise<ConsoleService> {
  const context = await createTestApplication(environment);
  await context.app.listen(0, '127.0.0.1');
  const { port } = context.app.getHttpServer().address() as AddressInfo;
  return { context, baseUrl: `http://127.0.0.1:${port}`, close: () => context.close() };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // playwright-core adds --headless itself (headless is its default); the sandbox needs a non-root user.
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

export function newConsoleContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1 });
}

export interface CreatedUser {
  user: { id: string; username: string; displayName: string; roles: string[] };
  setup: { code: string; expiresAt: string; path: string };
}

/** An account made by an admin with the admin API key, as an admin would: the answer holds the one-time setup link. */
export async function createUser(context: TestApplication, username: string, displayName: string, roles: string[]): Promise<CreatedUser> {
  const response = await request(context.http).post('/v1/users').set('Authorization', bearer('admin')).send({ username, displayName, roles });
  if (response.status !== 201) throw new Error(`POST /v1/users: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as CreatedUser;
}

/** What a page did that a test must see: problems (console errors, uncaught errors, CSP violations) and every URL shown. */
export interface PageWatch {
  problems: string[];
  /** every URL the page's main frame showed, history API changes included */
  urls: string[];
  /** the console's own answers (/console, /console/assets/...): URL and the headers a test checks */
  consoleAnswers: { url: string; status: number; cacheControl: string | undefined; contentSecurityPolicy: string | undefined }[];
}

/**
 * Listens to a page: console messages of type error or warning, uncaught exceptions, CSP violations
 * (Chromium reports them on the console, and `securitypolicyviolation` events are counted too), the main
 * frame's URLs and the headers of the console's answers.
 */
export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: PageWatch = { problems: [], urls: [], consoleAnswers: [] };
  page.on('console', (message) => {
    const text = message.text();
    // Signed out, the shell asks GET /v1/session who is signed in and is told 401: Chromium logs that answer.
    const resource = message.location().url;
    if (/status of 401/.test(text) && resource && new URL(resource).pathname === '/v1/session') return;
    if (message.type() === 'error' || message.type() === 'warning') watch.problems.push(`console ${message.type()}: ${text} (${resource})`);
    else if (/Content[- ]Security[- ]Policy|Refused to/i.test(text)) watch.problems.push(`console ${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => watch.problems.push(`page error: ${error.message}`));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) watch.urls.push(frame.url());
  });
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path === '/console' || path.startsWith('/console/')) {
      const headers = response.headers();
      watch.consoleAnswers.push({ url: response.url(), status: response.status(), cacheControl: headers['cache-control'], contentSecurityPolicy: headers['content-security-policy'] });
    }
  });
  // A violation the page would not log (a blocked style attribute, say) still fires this event.
  await page.exposeFunction('__consoleTestViolation', (text: string) => watch.problems.push(`CSP violation: ${text}`));
  // Browser-side code as text: this project type-checks without the DOM library.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      void window.__consoleTestViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' (' + event.sourceFile + ':' + event.lineNumber + ')');
    });`,
  });
  return watch;
}

/** The sign-in form's fields, in either language. */
export const signInFields = (page: Page) => ({
  username: page.getByLabel(/^(用户名|Username)/),
  password: page.getByLabel(/^(密码|Password)/),
  submit: page.getByRole('button', { name: /^(登录|Sign in)$/ }),
});

/** Signs in through the console's sign-in form (the page must be showing it). */
export async function signInThroughForm(page: Page, username: string, password = CONSOLE_PASSWORD): Promise<void> {
  const fields = signInFields(page);
  await fields.username.fill(username);
  await fields.password.fill(password);
  await fields.submit.click();
}

/** Sets the password on the setup screen the one-time link opens (the page must be showing it). */
export async function setPasswordThroughSetup(page: Page, password = CONSOLE_PASSWORD): Promise<void> {
  const passwords = page.locator('input[type="password"]');
  const count = await passwords.count();
  for (let index = 0; index < count; index += 1) await passwords.nth(index).fill(password);
  await page.locator('form button[type="submit"]').first().click();
}

/** The signed-in header: the user's display name is shown once the shell has a session. */
export const signedInHeader = (page: Page, displayName: string) => page.locator('header.top .user', { hasText: displayName });

/** What the page keeps in localStorage and sessionStorage. */
export function storageKeys(page: Page): Promise<{ local: string[]; session: string[] }> {
  return page.evaluate('({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })');
}
