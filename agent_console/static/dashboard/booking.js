// The booking section: a supervisor books a remote appointment for a citizen at a service
// point (POST /api/supervisor/appointments) and gives them the code to type at the kiosk.
import { SERVICE_ZONE, language, t } from '/console/i18n.js';
import { accepted, option, refusal } from './dom.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

export function initBooking() {
  const form = /** @type {HTMLFormElement} */ ($('booking-form'));
  const point = /** @type {HTMLSelectElement} */ ($('booking-point'));
  const agency = /** @type {HTMLSelectElement} */ ($('booking-agency'));
  const day = /** @type {HTMLInputElement} */ ($('booking-day'));
  const time = /** @type {HTMLInputElement} */ ($('booking-time'));
  const tongue = /** @type {HTMLSelectElement} */ ($('booking-language'));
  /** @type {Record<string, Record<string, string>>} */
  let names = {};

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    $('booking-error').hidden = true;
    $('booked').hidden = true;
    const body = {
      point: point.value, agency: agency.value, starts_at: `${day.value}T${time.value}`, language: tongue.value,
    };
    const response = await fetch('/api/supervisor/appointments', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('booking-error').textContent = t('booking.refused', { error: refusal(form, answer, response.status) });
      $('booking-error').hidden = false;
      return;
    }
    accepted(form);
    $('booked-code').textContent = `${answer.code.slice(0, 4)} ${answer.code.slice(4)}`;
    $('booked-code').dataset.code = answer.code;
    const when = new Intl.DateTimeFormat(language(), {
      weekday: 'short', day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: SERVICE_ZONE,
    }).format(new Date(answer.starts_at * 1000));
    $('booked-what').textContent = t('booking.what', {
      point: point.value, agency: names[agency.value]?.[language()] || agency.value, when,
    });
    $('booked').hidden = false;
  });

  return {
    /**
     * The points, and the agencies the caller may book for.
     * @param {{role: string, agencies: string[]}} me
     */
    async load(me) {
      const catalogue = await (await fetch('/api/supervisor/catalogue')).json().catch(() => null);
      for (const entry of catalogue?.points || []) point.append(option(entry.name, entry.name));
      for (const entry of catalogue?.agencies || []) {
        if (me.role === 'supervisor' && !me.agencies.includes(entry.code)) continue;
        names[entry.code] = entry.names;
        agency.append(option(entry.code, entry.names[language()] || entry.code));
      }
      const soon = new Date(Date.now() + 60 * 60 * 1000);
      day.value = `${soon.getFullYear()}-${String(soon.getMonth() + 1).padStart(2, '0')}-${String(soon.getDate()).padStart(2, '0')}`;
      time.value = `${String(soon.getHours()).padStart(2, '0')}:00`;
    },
  };
}
