// Every word a person reads in the browser apps (the dashboard now, the console next),
// through one mechanism: message files per language (i18n/fi.json, sv.json, en.json),
// the language chosen by the user and remembered in this browser, by default the
// browser's own. tests/test_browser_i18n.py fails on a key missing in any language, or
// one no page uses.

export const LANGUAGES = /** @type {const} */ (['fi', 'sv', 'en']);
const REMEMBERED = 'rs-language';

/** @type {Record<string, string>} */
let messages = {};
let current = 'fi';

/** The language to start in: the one chosen here before, else the browser's, else Finnish. */
export function preferredLanguage() {
  const chosen = localStorage.getItem(REMEMBERED);
  if (chosen && LANGUAGES.includes(/** @type {any} */ (chosen))) return chosen;
  for (const tag of navigator.languages || [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (LANGUAGES.includes(/** @type {any} */ (base))) return base;
  }
  return 'fi';
}

/** Load a language's messages and remember the choice. @param {string} language */
export async function useLanguage(language) {
  const response = await fetch(`/console/i18n/${language}.json`);
  if (!response.ok) throw new Error(`no messages for ${language}`);
  messages = await response.json();
  current = language;
  localStorage.setItem(REMEMBERED, language);
  document.documentElement.lang = language;
  translatePage();
}

export function language() {
  return current;
}

/**
 * The text of ``key`` in the current language, with {name} placeholders filled in.
 * @param {string} key @param {Record<string, string|number>} [values]
 */
export function t(key, values = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? `{${name}}`));
}

/** Elements marked data-i18n (their text) or data-i18n-label (their aria-label). */
export function translatePage() {
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(/** @type {string} */ (/** @type {HTMLElement} */ (element).dataset.i18n));
  }
  for (const element of document.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(/** @type {string} */ (/** @type {HTMLElement} */ (element).dataset.i18nLabel)));
  }
}

/** A number in the current language's way (1 234,5 in Finnish). @param {number} value */
export function number(value) {
  return new Intl.NumberFormat(current).format(value);
}

/** The service's time: every service point is in Finland, whatever the browser's zone. */
export const SERVICE_ZONE = 'Europe/Helsinki';

/** A clock time of a Unix time, in Finnish time, the current language's way. @param {number} at */
export function clock(at) {
  return new Intl.DateTimeFormat(current, { hour: '2-digit', minute: '2-digit', timeZone: SERVICE_ZONE })
    .format(new Date(at * 1000));
}

/** A duration in whole minutes, e.g. "12 min". @param {number} seconds */
export function minutes(seconds) {
  return t('unit.minutes', { n: number(Math.floor(seconds / 60)) });
}
