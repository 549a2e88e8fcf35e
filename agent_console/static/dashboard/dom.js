// Small DOM pieces the dashboard's pages share.
import { language, t } from '/console/i18n.js';

/** A <select>'s choice. @param {string} value @param {string} label */
export function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

/**
 * Why the server refused a request, in the user's language: its problem code translated
 * (signaling/problems.py), and the field at fault, if the form has it, named by its label,
 * marked invalid for assistive technology and focused. The server's English sentence is
 * shown only for a code this page does not know.
 * @param {HTMLFormElement|null} form
 * @param {{code?: string, field?: string, error?: string}} answer the refusal's body
 * @param {number} status
 */
export function refusal(form, answer, status) {
  accepted(form);
  if (!answer?.code) return t('problem.failed', { status });
  const key = `problem.${answer.code}`;
  let text = t(`problem.${answer.code}`);
  if (text === key) text = answer.error || t('problem.failed', { status });
  const name = answer.field ? CSS.escape(answer.field) : null;
  const input = name && form?.querySelector(`[data-field="${name}"], [name="${name}"]`);
  if (input instanceof HTMLElement) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    const label = /** @type {HTMLInputElement} */ (input).labels?.[0]?.querySelector('[data-i18n]')?.textContent
      ?? input.querySelector('legend')?.textContent; // a fieldset of choices
    if (label) text += ` ${t('problem.check', { field: label })}`;
  }
  return text;
}

/** Clear what a refusal marked in a form. @param {HTMLFormElement|null} form */
export function accepted(form) {
  for (const marked of form?.querySelectorAll('[aria-invalid]') || []) marked.removeAttribute('aria-invalid');
}

/** A day as YYYY-MM-DD, in the browser's calendar (a date input's value). @param {Date} date */
export function isoDay(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** A weekday's short name in the page's language. @param {number} weekday ISO, 1 = Monday */
export function weekdayName(weekday) {
  const monday = new Date(2024, 0, 1); // a Monday
  monday.setDate(monday.getDate() + weekday - 1);
  return new Intl.DateTimeFormat(language(), { weekday: 'short' }).format(monday);
}
