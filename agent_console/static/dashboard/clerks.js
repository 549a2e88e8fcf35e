// The clerks section: the accounts within the viewer's reach (GET /clerks), a new clerk or
// interpreter, an account disabled, a password reset; the API decides who may touch which
// account (a supervisor: clerks of their own agencies).
import { language, t } from '/console/i18n.js';
import { refusal } from './dom.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const value = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id)).value;

export function initClerks() {
  /** @type {{role: string, agencies: string[]}|null} */
  let viewer = null;

  /** @param {boolean} ok @param {string} text */
  function say(ok, text) {
    $('clerks-said').className = ok ? '' : 'error';
    $('clerks-said').textContent = text;
  }

  /**
   * @param {string} path @param {Record<string, unknown>} body @param {string} done
   * @param {HTMLFormElement|null} [form] the form sent, whose field a refusal marks
   */
  async function post(path, body, done, form = null) {
    const response = await fetch(`/api/supervisor/${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    say(response.ok, response.ok ? done : t('clerks.refused', { error: refusal(form, answer, response.status) }));
    if (response.ok) await list();
    return response.ok;
  }

  async function list() {
    const rows = await (await fetch('/api/supervisor/clerks')).json().catch(() => []);
    $('clerk-list').querySelector('tbody')?.replaceChildren(...rows.map((/** @type {any} */ c) => {
      const tr = document.createElement('tr');
      tr.dataset.username = c.username;
      for (const text of [c.username, c.display_name, t(`role.${c.role}`), c.agencies.map((/** @type {string} */ a) => a.toUpperCase()).join(', ')]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      const actions = document.createElement('div');
      actions.className = 'actions';
      // Offered where the API allows it: an operator, any account; a supervisor, clerks
      // whose every agency is theirs.
      const mine = c.role === 'clerk' && c.agencies.length > 0
        && c.agencies.every((/** @type {string} */ a) => viewer?.agencies.includes(a));
      if (viewer?.role === 'admin' || mine) {
        const disable = button(t('clerks.disable'), t('clerks.disable_who', { who: c.username }), 'danger');
        disable.addEventListener('click', () => {
          if (confirm(t('clerks.confirm_disable', { who: c.display_name }))) {
            post('clerks/disable', { username: c.username }, t('clerks.disabled', { who: c.display_name }));
          }
        });
        const reset = button(t('clerks.reset'), t('clerks.reset_who', { who: c.username }));
        reset.addEventListener('click', () => {
          const password = prompt(t('clerks.new_password', { who: c.display_name }));
          if (password) post('clerks/password', { username: c.username, password }, t('clerks.password_set', { who: c.display_name }));
        });
        actions.append(disable, reset);
      }
      // An operator, any clerk's or supervisor's agencies; a supervisor, their own
      // clerks', among their own agencies.
      if ((viewer?.role === 'admin' && ['clerk', 'supervisor'].includes(c.role)) || mine) {
        const change = button(t('clerks.change_agencies'), t('clerks.change_agencies_of', { who: c.username }));
        change.addEventListener('click', () => chooseAgencies(c));
        actions.append(change);
      }
      const cell = document.createElement('td');
      cell.append(actions);
      tr.append(cell);
      return tr;
    }));
  }

  /** @type {any[]} the agencies the viewer may give */
  let reachable = [];
  /** @type {any} the account whose agencies the dialog changes */
  let changing = null;
  const dialog = /** @type {HTMLDialogElement} */ ($('agencies-dialog'));

  /** @param {any} account */
  function chooseAgencies(account) {
    changing = account;
    $('agencies-title').textContent = t('clerks.agencies_of', { who: account.display_name });
    $('agencies-boxes').replaceChildren(...reachable.map((a) => {
      const box = checkbox(a, language());
      box.querySelector('input')?.toggleAttribute('checked', account.agencies.includes(a.code));
      return box;
    }));
    dialog.showModal();
  }

  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'save' || !changing) return;
    const agencies = [...$('agencies-boxes').querySelectorAll('input:checked')].map((b) => /** @type {HTMLInputElement} */ (b).value);
    await post('clerks/agencies', { username: changing.username, agencies },
      t('clerks.agencies_set', { who: changing.display_name }));
  });

  $('clerk-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const agencies = [...document.querySelectorAll('#clerk-agencies input:checked')].map((b) => /** @type {HTMLInputElement} */ (b).value);
    const created = await post('clerks', {
      username: value('clerk-username'), display_name: value('clerk-name'), password: value('clerk-password'),
      role: value('clerk-role'), agencies, languages: [language()],
    }, t('clerks.created', { who: value('clerk-name') }), /** @type {HTMLFormElement} */ ($('clerk-form')));
    if (created) /** @type {HTMLFormElement} */ ($('clerk-form')).reset();
  });

  return {
    /** @param {{role: string, agencies: string[]}} me */
    async load(me) {
      viewer = me;
      const catalogue = await (await fetch('/api/supervisor/catalogue')).json().catch(() => null);
      reachable = (catalogue?.agencies || [])
        .filter((/** @type {any} */ a) => me.role !== 'supervisor' || me.agencies.includes(a.code));
      $('clerk-agencies').replaceChildren(...reachable.map((a) => checkbox(a, language())));
      await list();
    },
  };
}

/** An agency to tick. @param {any} agency @param {string} tongue */
function checkbox(agency, tongue) {
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.value = agency.code;
  label.append(box, agency.names[tongue] || agency.code);
  return label;
}

/** @param {string} text @param {string} label @param {string} [kind] */
function button(text, label, kind = '') {
  const element = document.createElement('button');
  element.textContent = text;
  element.setAttribute('aria-label', label);
  if (kind) element.className = kind;
  return element;
}
