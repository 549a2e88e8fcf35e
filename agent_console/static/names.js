// How the console names agencies, languages and waits: one place, so that every view says
// them the same way (and the translation of issue 18 has one place to go).

const LANGUAGES = new Intl.DisplayNames(['en'], { type: 'language' });

/** Languages a clerk can ask an interpreter for (sign languages first); the server takes any code. */
export const INTERPRETER_LANGUAGES = ['fse', 'fss', 'ru', 'uk', 'ar', 'so', 'et', 'se', 'en', 'sv', 'fa', 'ku'];

/**
 * @param {{code: string, names: Record<string, string>}[]} agencies from the welcome message
 * @param {string} code
 */
export function agencyName(agencies, code) {
  const agency = agencies.find((a) => a.code === code);
  return agency ? agency.names.en || agency.names.fi || code : code;
}

/** @param {string} code */
export function languageName(code) {
  return LANGUAGES.of(code) || code;
}

/** @param {string} code */
export function interpreterLanguageName(code) {
  return { fse: 'Finnish Sign Language', fss: 'Finland-Swedish Sign Language' }[code] || languageName(code);
}

/** @param {number} seconds */
export function formatWait(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
