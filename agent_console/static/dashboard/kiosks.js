// The kiosks section (operators): every kiosk, revoking one, and enrolling a new one with
// a one-time code shown as text and as a QR code (POST /api/supervisor/kiosks).
import { t } from '/console/i18n.js';
import { option, refusal } from './dom.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

export function initKiosks() {
  const form = /** @type {HTMLFormElement} */ ($('kiosk-form'));
  const label = /** @type {HTMLInputElement} */ ($('kiosk-label'));
  const point = /** @type {HTMLSelectElement} */ ($('kiosk-point'));

  async function list() {
    const rows = await (await fetch('/api/supervisor/kiosks')).json().catch(() => []);
    $('kiosk-list').querySelector('tbody')?.replaceChildren(...rows.map((/** @type {any} */ k) => {
      const tr = document.createElement('tr');
      tr.dataset.label = k.label;
      const state = k.online ? t('kiosks.online') : t('activity.offline');
      for (const text of [k.label, k.point, state]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      const revoke = document.createElement('button');
      revoke.className = 'danger';
      revoke.textContent = t('kiosks.revoke');
      revoke.setAttribute('aria-label', t('kiosks.revoke_kiosk', { kiosk: k.label }));
      revoke.addEventListener('click', async () => {
        if (!confirm(t('kiosks.confirm_revoke', { kiosk: k.label }))) return;
        const response = await fetch(`/api/supervisor/kiosks/${encodeURIComponent(k.label)}/revoke`, { method: 'POST' });
        if (response.ok) {
          await list();
          return;
        }
        const answer = await response.json().catch(() => ({}));
        $('kiosk-error').textContent = t('kiosks.not_revoked', { error: refusal(null, answer, response.status) });
        $('kiosk-error').hidden = false;
      });
      const cell = document.createElement('td');
      cell.append(revoke);
      tr.append(cell);
      return tr;
    }));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    $('kiosk-error').hidden = true;
    $('enrolment').hidden = true;
    const response = await fetch('/api/supervisor/kiosks', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: label.value, point: point.value }),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('kiosk-error').textContent = t('kiosks.refused', { error: refusal(form, answer, response.status) });
      $('kiosk-error').hidden = false;
      return;
    }
    $('enrolment-code').textContent = answer.enrolment_code;
    /** @type {HTMLImageElement} */ ($('enrolment-qr')).src = answer.enrolment_qr;
    $('enrolment-qr').setAttribute('alt', t('kiosks.qr'));
    $('enrolment').hidden = false;
    form.reset();
    await list();
  });

  return {
    async load() {
      const catalogue = await (await fetch('/api/supervisor/catalogue')).json().catch(() => null);
      for (const entry of catalogue?.points || []) point.append(option(entry.name, entry.name));
      await list();
    },
  };
}
