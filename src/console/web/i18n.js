// @ts-check
/** Chinese by default; the operator's choice of language is kept in localStorage (it is not personal data). */
const STORAGE_KEY = 'contact-recovery.console.language';

/** @typedef {'zh' | 'en'} Language */
/** @typedef {Record<string, string>} Strings */

/** @returns {Language} */
export function currentLanguage() {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

/** @param {Language} language */
export function chooseLanguage(language) {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

/**
 * A translator over a screen's own strings: `{ zh: {...}, en: {...} }`, the English keys being the
 * complete set. `{name}` placeholders are filled from `values`.
 * @template {Strings} T
 * @param {{ zh: Record<keyof T, string>, en: T }} strings
 * @param {Language} language
 * @returns {(key: keyof T, values?: Record<string, string | number>) => string}
 */
export function translator(strings, language) {
  const table = strings[language];
  return (key, values = {}) => String(table[key] ?? strings.en[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? `{${name}}`));
}
