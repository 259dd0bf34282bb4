// @ts-check
/**
 * Signing in, and the first sign-in with the one-time setup code an admin hands over. Passwords stay
 * in the form fields only; nothing is written to the URL or to browser storage.
 */
import { ApiError } from '../api-client.js';
import { h } from '../dom.js';
import { chooseLanguage, translator } from '../i18n.js';

/** @typedef {import('../console-types.js').SignInContext} SignInContext */
/** @typedef {import('../console-types.js').Session} Session */

const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

const STRINGS = {
  en: {
    brand: 'Contact recovery',
    signInTitle: 'Sign in',
    setupTitle: 'Set your password',
    setupIntro: 'First sign-in: enter the one-time setup code your administrator gave you and choose a password.',
    username: 'Username',
    password: 'Password',
    code: 'Setup code',
    codeHint: 'Dashes and upper or lower case do not matter.',
    newPassword: 'New password',
    repeatPassword: 'New password again',
    policyTitle: 'The password must:',
    policyLength: 'have at least 12 characters (at most 256; Chinese characters count one each)',
    policyUsername: 'not be your username',
    policyRepeated: 'not be one character repeated',
    signIn: 'Sign in',
    setUp: 'Set password and sign in',
    working: 'Please wait…',
    refused: 'The username or password is wrong, or this account cannot sign in.',
    setupRefused: 'The username or setup code is wrong, already used or expired. Ask your administrator for a new code.',
    tooMany: 'Too many attempts. Try again in {seconds} s.',
    tooManyLater: 'Too many attempts. Try again later.',
    policyRefused: 'The password was not accepted: {message}',
    failed: 'Could not sign in: {message}',
    network: 'The service could not be reached. Check the connection and try again.',
    missing: 'Fill in every field.',
    mismatch: 'The two new passwords are not the same.',
    tooShort: 'The password must have at least 12 characters.',
    tooLong: 'The password must have at most 256 characters.',
    isUsername: 'The password must not be your username.',
    repeated: 'The password must not be one character repeated.',
    haveSetup: 'Have a setup code? Set your password',
    havePassword: 'Already have a password? Sign in',
    language: '中文',
    switchTo: 'Switch to Chinese',
  },
  zh: {
    brand: '失联修复',
    signInTitle: '登录',
    setupTitle: '设置密码',
    setupIntro: '首次登录：请输入管理员提供的一次性设置码，并设置您的密码。',
    username: '用户名',
    password: '密码',
    code: '设置码',
    codeHint: '连字符和大小写不影响。',
    newPassword: '新密码',
    repeatPassword: '再次输入新密码',
    policyTitle: '密码要求：',
    policyLength: '至少 12 个字符（最多 256 个；一个汉字算一个字符）',
    policyUsername: '不能与用户名相同',
    policyRepeated: '不能是同一个字符重复',
    signIn: '登录',
    setUp: '设置密码并登录',
    working: '请稍候…',
    refused: '用户名或密码错误，或该账户无法登录。',
    setupRefused: '用户名或设置码错误、已使用或已过期。请向管理员索取新的设置码。',
    tooMany: '尝试次数过多，请 {seconds} 秒后再试。',
    tooManyLater: '尝试次数过多，请稍后再试。',
    policyRefused: '密码未被接受：{message}',
    failed: '登录失败：{message}',
    network: '无法连接服务，请检查网络后重试。',
    missing: '请填写所有字段。',
    mismatch: '两次输入的新密码不一致。',
    tooShort: '密码至少需要 12 个字符。',
    tooLong: '密码最多 256 个字符。',
    isUsername: '密码不能与用户名相同。',
    repeated: '密码不能是同一个字符重复。',
    haveSetup: '有设置码？设置密码',
    havePassword: '已有密码？去登录',
    language: 'English',
    switchTo: 'Switch to English',
  },
};

/**
 * @param {HTMLElement} root
 * @param {SignInContext} context
 */
export function renderSignIn(root, context) {
  const t = translator(STRINGS, context.language);
  document.title = `${t('signInTitle')} · ${t('brand')}`;
  const username = usernameInput('sign-in-username');
  const password = /** @type {HTMLInputElement} */ (
    h('input', { id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: MAX_PASSWORD_LENGTH * 4 })
  );
  const { message, submit, form } = signInForm('sign-in-title', t('signIn'), [
    h('label', { for: 'sign-in-username' }, t('username')),
    username,
    h('label', { for: 'sign-in-password' }, t('password')),
    password,
  ]);
  onSubmit(form, message, async () => {
    if (!username.value.trim() || !password.value) {
      message.textContent = t('missing');
      (username.value.trim() ? password : username).focus();
      return;
    }
    await working(submit, t('working'), t('signIn'), async () => {
      try {
        /** @type {Session} */
        const session = await context.api.post('/v1/session', { username: username.value.trim(), password: password.value });
        password.value = '';
        context.onSignedIn(session);
      } catch (error) {
        password.value = '';
        message.textContent = refusal(error, t, 'refused');
        password.focus();
      }
    });
  });
  root.append(
    page(
      t,
      context,
      h('h1', { id: 'sign-in-title' }, t('signInTitle')),
      form,
      h('p', { class: 'sign-in-alt' }, h('a', { href: '/console/setup' }, t('haveSetup'))),
    ),
  );
  username.focus();
}

/**
 * @param {HTMLElement} root
 * @param {SignInContext} context
 * @param {{ username: string, code: string }} prefill
 */
export function renderSetup(root, context, prefill) {
  const t = translator(STRINGS, context.language);
  document.title = `${t('setupTitle')} · ${t('brand')}`;
  const username = usernameInput('setup-username');
  username.value = prefill.username;
  const code = /** @type {HTMLInputElement} */ (
    h('input', { id: 'setup-code', name: 'code', type: 'text', autocomplete: 'one-time-code', autocapitalize: 'characters', spellcheck: 'false', required: true, maxlength: 64, 'aria-describedby': 'setup-code-hint' })
  );
  code.value = prefill.code;
  const password = /** @type {HTMLInputElement} */ (
    h('input', { id: 'setup-password', name: 'new-password', type: 'password', autocomplete: 'new-password', required: true, minlength: MIN_PASSWORD_LENGTH, 'aria-describedby': 'setup-policy' })
  );
  const repeat = /** @type {HTMLInputElement} */ (h('input', { id: 'setup-repeat', name: 'repeat-password', type: 'password', autocomplete: 'new-password', required: true }));
  const { message, submit, form } = signInForm('setup-title', t('setUp'), [
    h('label', { for: 'setup-username' }, t('username')),
    username,
    h('label', { for: 'setup-code' }, t('code')),
    code,
    h('p', { id: 'setup-code-hint', class: 'muted hint' }, t('codeHint')),
    h('label', { for: 'setup-password' }, t('newPassword')),
    password,
    h('div', { id: 'setup-policy', class: 'policy' }, h('p', {}, t('policyTitle')), h('ul', {}, h('li', {}, t('policyLength')), h('li', {}, t('policyUsername')), h('li', {}, t('policyRepeated')))),
    h('label', { for: 'setup-repeat' }, t('repeatPassword')),
    repeat,
  ]);
  onSubmit(form, message, async () => {
    const fields = [username, code, password, repeat];
    const empty = fields.find((field) => (field === password || field === repeat ? field.value === '' : field.value.trim() === ''));
    if (empty) {
      message.textContent = t('missing');
      empty.focus();
      return;
    }
    const problem = passwordProblem(password.value, username.value);
    if (problem) {
      message.textContent = t(problem);
      password.focus();
      return;
    }
    if (password.value !== repeat.value) {
      message.textContent = t('mismatch');
      repeat.value = '';
      repeat.focus();
      return;
    }
    await working(submit, t('working'), t('setUp'), async () => {
      try {
        /** @type {Session} */
        const session = await context.api.post('/v1/session/setup', { username: username.value.trim(), code: code.value.trim(), password: password.value });
        password.value = '';
        repeat.value = '';
        code.value = '';
        context.onSignedIn(session);
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) {
          // The policy refused the password; the code is still good.
          message.textContent = t('policyRefused', { message: policyMessage(error.message, t) });
          password.value = '';
          repeat.value = '';
          password.focus();
          return;
        }
        message.textContent = refusal(error, t, 'setupRefused');
        (error instanceof ApiError && error.status === 401 ? code : submit).focus();
      }
    });
  });
  root.append(
    page(
      t,
      context,
      h('h1', { id: 'setup-title' }, t('setupTitle')),
      h('p', { class: 'muted' }, t('setupIntro')),
      form,
      h('p', { class: 'sign-in-alt' }, h('a', { href: '/console' }, t('havePassword'))),
    ),
  );
  const first = [username, code, password].find((field) => field.value === '') ?? password;
  first.focus();
}

/**
 * Runs `handle` when the form is submitted (never sent as a page load), the previous message cleared.
 * @param {HTMLElement} form
 * @param {HTMLElement} message
 * @param {() => Promise<void>} handle
 */
function onSubmit(form, message, handle) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      message.textContent = '';
      await handle();
    })();
  });
}

/**
 * The username field of either form.
 * @param {string} id
 */
function usernameInput(id) {
  return /** @type {HTMLInputElement} */ (
    h('input', { id, name: 'username', type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true, maxlength: 64 })
  );
}

/**
 * A sign-in or setup form: its labelled fields, then the message line and the submit button.
 * @param {string} titleId the heading that names the form
 * @param {string} submitLabel
 * @param {HTMLElement[]} fields
 */
function signInForm(titleId, submitLabel, fields) {
  const message = h('p', { class: 'sign-in-message', role: 'alert' });
  const submit = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'primary' }, submitLabel));
  const form = h('form', { class: 'sign-in-form', 'aria-labelledby': titleId, novalidate: true }, fields, message, h('div', { class: 'sign-in-actions' }, submit));
  return { message, submit, form };
}

/**
 * The centred card around a form, with the language switch.
 * @param {(key: any, values?: Record<string, string | number>) => string} t
 * @param {SignInContext} context
 * @param {...HTMLElement} children
 */
function page(t, context, ...children) {
  return h(
    'main',
    { class: 'sign-in-page' },
    h(
      'div',
      { class: 'sign-in-card' },
      h(
        'div',
        { class: 'sign-in-top' },
        h('span', { class: 'brand' }, t('brand')),
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            title: t('switchTo'),
            lang: context.language === 'zh' ? 'en' : 'zh-CN',
            onclick: () => {
              chooseLanguage(context.language === 'zh' ? 'en' : 'zh');
              // The strings are read when the page loads; the fragment (a setup code) is not kept.
              window.location.reload();
            },
          },
          t('language'),
        ),
      ),
      ...children,
    ),
  );
}

/**
 * Disables the button while the request runs.
 * @param {HTMLButtonElement} button
 * @param {string} busyLabel
 * @param {string} label
 * @param {() => Promise<void>} work
 */
async function working(button, busyLabel, label, work) {
  if (button.disabled) return;
  button.disabled = true;
  button.textContent = busyLabel;
  try {
    await work();
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

/**
 * What to tell the user after a refused sign-in or setup.
 * @param {unknown} error
 * @param {(key: any, values?: Record<string, string | number>) => string} t
 * @param {'refused' | 'setupRefused'} refusedKey
 */
function refusal(error, t, refusedKey) {
  if (error instanceof ApiError) {
    if (error.status === 401) return t(refusedKey);
    if (error.status === 429) {
      const seconds = /retry after (\d+)\s*s/i.exec(error.message)?.[1];
      return seconds ? t('tooMany', { seconds }) : t('tooManyLater');
    }
    return t('failed', { message: error.message });
  }
  if (error instanceof TypeError) return t('network');
  return t('failed', { message: error instanceof Error ? error.message : String(error) });
}

/**
 * The server's policy message in the user's language when it is one we know.
 * @param {string} message e.g. "password: must be at least 12 characters"
 * @param {(key: any, values?: Record<string, string | number>) => string} t
 */
function policyMessage(message, t) {
  if (/at least \d+ characters/.test(message)) return t('tooShort');
  if (/at most \d+ characters/.test(message)) return t('tooLong');
  if (/not be the username/.test(message)) return t('isUsername');
  if (/one character repeated/.test(message)) return t('repeated');
  return message;
}

/**
 * The same rules as the server's password policy (src/users/password-policy.ts), checked before sending.
 * @param {string} password
 * @param {string} username
 * @returns {'tooShort' | 'tooLong' | 'isUsername' | 'repeated' | undefined}
 */
function passwordProblem(password, username) {
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const folded = password.trim().toLowerCase();
  if (folded === username.trim().toLowerCase()) return 'isUsername';
  if (new Set(folded).size === 1) return 'repeated';
  return undefined;
}
