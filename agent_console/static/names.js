// How the console names agencies, languages and waits: one place, so that every view says
// them the same way, in the language the clerk chose (i18n.js).

import { language, number, t } from './i18n.js';

/** @type {Map<string, Intl.DisplayNames>} */
const NAMES = new Map();

/** Languages a clerk can ask an interpreter for (sign languages first); the server takes any code. */
export const INTERPRETER_LANGUAGES = ['fse', 'fss', 'ru', 'uk', 'ar', 'so', 'et', 'se', 'en', 'sv', 'fa', 'ku'];

/**
 * @param {{code: string, names: Record<string, string>}[]} agencies from the welcome message
 * @param {string} code
 */
export function agencyName(agencies, code) {
  const agency = agencies.find((a) => a.code === code);
  return agency ? agency.names[language()] || agency.names.fi || code : code;
}

/** @param {string} code */
export function languageName(code) {
  let names = NAMES.get(language());
  if (!names) {
    names = new Intl.DisplayNames([language()], { type: 'language' });
    NAMES.set(language(), names);
  }
  return names.of(code) || code;
}

/** @param {string} code */
export function interpreterLanguageName(code) {
  return code === 'fse' || code === 'fss' ? t(`sign.${code}`) : languageName(code);
}

/** @param {number} seconds */
export function formatWait(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return s < 60 ? t('console.wait_s', { s: number(s) })
    : t('console.wait_min_s', { min: number(Math.floor(s / 60)), s: number(s % 60) });
}
