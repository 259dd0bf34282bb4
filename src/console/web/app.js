// @ts-check
/**
 * The console shell: who is signed in, the navigation, the language, and one screen at a time.
 * Paths name screens only (never a borrower or a number); unmasked values live in the screen's
 * memory and go when the operator leaves it.
 */
import { ApiClient, ApiError } from './api-client.js';
import { clear, h } from './dom.js';
import { chooseLanguage, currentLanguage, translator } from './i18n.js';
import { auditScreen } from './screens/audit-screen.js';
import { flagsScreen } from './screens/flags-screen.js';
import { lookupScreen } from './screens/lookup-screen.js';
import { mergesScreen } from './screens/merges-screen.js';
import { reviewScreen } from './screens/review-screen.js';
import { runsScreen } from './screens/runs-screen.js';
import { renderSetup, renderSignIn } from './screens/sign-in-screen.js';

/** @typedef {import('./console-types.js').Screen} Screen */
/** @typedef {import('./console-types.js').Session} Session */

/** @type {Screen[]} */
const SCREENS = [reviewScreen, mergesScreen, lookupScreen, flagsScreen, runsScreen, auditScreen];

const t = translator(
  {
    en: { brand: 'Contact recovery', signOut: 'Sign out', language: '中文', switchTo: 'Switch to Chinese', notAllowed: 'Your role cannot open this screen.', loading: 'Loading…', failed: 'Could not load: {message}', navigation: 'Main' },
    zh: { brand: '失联修复', signOut: '退出登录', language: 'English', switchTo: 'Switch to English', notAllowed: '您的角色无权打开此页面。', loading: '加载中…', failed: '加载失败：{message}', navigation: '主导航' },
  },
  currentLanguage(),
);

const root = /** @type {HTMLElement} */ (document.getElementById('app'));
const api = new ApiClient(() => void showSignIn());
/** @type {Session | null} */
let session = null;
/** @type {(() => void)[]} */
let leaving = [];
/** @type {((event: KeyboardEvent) => void)[]} */
let keyHandlers = [];

document.documentElement.lang = currentLanguage() === 'zh' ? 'zh-CN' : 'en';

document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = /** @type {HTMLElement | null} */ (event.target);
  if (target && (target.closest('input, textarea, select, [contenteditable="true"]') || target.closest('dialog[open]'))) return;
  if (document.querySelector('dialog[open]')) return;
  for (const handler of keyHandlers) handler(event);
});
window.addEventListener('popstate', () => void show(window.location.pathname));
// Leaving the console (closing the tab, going elsewhere) drops what the screen unmasked.
window.addEventListener('pagehide', () => leave());

void start();

async function start() {
  if (window.location.pathname === '/console/setup') {
    const fields = new URLSearchParams(window.location.hash.slice(1));
    // The one-time code came in the fragment (never sent to a server); keep it out of the history too.
    history.replaceState(null, '', '/console/setup');
    clear(root);
    renderSetup(root, { api, language: currentLanguage(), onSignedIn: signedIn }, { username: fields.get('username') ?? '', code: fields.get('code') ?? '' });
    return;
  }
  try {
    signedInAs(await api.get('/v1/session'));
    await show(window.location.pathname);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 404)) await showSignIn();
    else fail(error);
  }
}

/** @param {Session} value */
function signedInAs(value) {
  session = value;
  api.csrfToken = value.csrfToken;
}

/** @param {Session} value */
function signedIn(value) {
  signedInAs(value);
  const path = window.location.pathname === '/console/setup' || window.location.pathname === '/console/sign-in' ? '/console' : window.location.pathname;
  navigate(path);
}

async function showSignIn() {
  leave();
  session = null;
  api.csrfToken = null;
  clear(root);
  renderSignIn(root, { api, language: currentLanguage(), onSignedIn: signedIn });
}

/** @param {string} path */
function navigate(path) {
  if (path !== window.location.pathname) history.pushState(null, '', path);
  void show(path);
}

/** @param {Session} current */
function allowedScreens(current) {
  return SCREENS.filter((screen) => screen.roles.some((role) => current.user.roles.includes(role)));
}

/** @param {string} path */
async function show(path) {
  if (!session) return showSignIn();
  leave();
  const allowed = allowedScreens(session);
  const screen = path === '/console' || path === '/console/' ? allowed[0] : SCREENS.find((candidate) => candidate.path === path);
  const language = currentLanguage();
  const main = h('main', { id: 'main', tabindex: -1 });
  const status = h('p', { class: 'status', role: 'status' });
  clear(root);
  root.append(header(session, allowed, screen), main, status);
  if (!screen || !allowed.includes(screen)) {
    main.append(h('p', { class: 'notice' }, t('notAllowed')));
    return;
  }
  document.title = `${screen.title[language]} · ${t('brand')}`;
  if (screen.path !== path) history.replaceState(null, '', screen.path);
  /** @type {import('./console-types.js').ScreenContext} */
  const context = {
    api,
    session,
    language,
    navigate,
    onKey: (handler) => keyHandlers.push(handler),
    onLeave: (cleanup) => leaving.push(cleanup),
    notify: (message, kind = 'info') => {
      status.textContent = message;
      status.className = `status ${kind}`;
    },
  };
  try {
    await screen.render(main, context);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    main.append(h('p', { class: 'notice error', role: 'alert' }, t('failed', { message: error instanceof Error ? error.message : String(error) })));
  }
}

/**
 * @param {Session} current
 * @param {Screen[]} allowed
 * @param {Screen | undefined} active
 */
function header(current, allowed, active) {
  const language = currentLanguage();
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'skip', href: '#main' }, language === 'zh' ? '跳到内容' : 'Skip to content'),
    h('span', { class: 'brand' }, t('brand')),
    h(
      'nav',
      { 'aria-label': t('navigation') },
      allowed.map((screen) =>
        h(
          'a',
          {
            href: screen.path,
            'aria-current': screen === active ? 'page' : undefined,
            onclick: (/** @type {MouseEvent} */ event) => {
              event.preventDefault();
              navigate(screen.path);
            },
          },
          screen.title[language],
        ),
      ),
    ),
    h(
      'div',
      { class: 'account' },
      h('button', { type: 'button', class: 'link', title: t('switchTo'), onclick: () => switchLanguage() }, t('language')),
      h('span', { class: 'user', title: current.user.username }, current.user.displayName),
      h('button', { type: 'button', onclick: () => void signOut() }, t('signOut')),
    ),
  );
}

function switchLanguage() {
  chooseLanguage(currentLanguage() === 'zh' ? 'en' : 'zh');
  // Strings are read when modules load: reload the shell (the session cookie keeps the operator signed in).
  window.location.reload();
}

async function signOut() {
  try {
    await api.delete('/v1/session');
  } finally {
    history.replaceState(null, '', '/console');
    await showSignIn();
  }
}

function leave() {
  for (const cleanup of leaving.splice(0)) {
    try {
      cleanup();
    } catch {
      // A screen's cleanup failing must not keep the next screen from showing.
    }
  }
  keyHandlers = [];
  leaving = [];
  for (const dialog of document.querySelectorAll('dialog')) dialog.remove();
}

/** @param {unknown} error */
function fail(error) {
  clear(root);
  root.append(h('p', { class: 'notice error', role: 'alert' }, t('failed', { message: error instanceof Error ? error.message : String(error) })));
}
