// The booking section: a supervisor or clerk books a remote appointment for a citizen at a
// service point (POST /api/supervisor/appointments) and gives them the code to type at the
// kiosk; the next two weeks' appointments are listed, and one can be cancelled (a citizen
// who cannot come, or lost the code: the code then queues nobody).
import { SERVICE_ZONE, language, t } from '/console/i18n.js';
import { accepted, isoDay, option, refusal } from './dom.js';

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
    const when = whenText(answer.starts_at);
    $('booked-what').textContent = t('booking.what', {
      point: point.value, agency: names[agency.value]?.[language()] || agency.value, when,
    });
    $('booked').hidden = false;
    await list();
  });

  async function list() {
    const today = new Date();
    const until = new Date(today.getTime() + 15 * 24 * 3600 * 1000);
    const response = await fetch(`/api/supervisor/appointments?from=${isoDay(today)}&to=${isoDay(until)}`);
    const rows = response.ok ? await response.json() : [];
    shown = rows;
    draw();
  }

  /** @type {any[]} */
  let shown = [];

  function draw() {
    $('appointments').hidden = !shown.length;
    const said = $('appointments-said');
    if (!shown.length) said.textContent = t('booking.none');
    else if (said.textContent === t('booking.none')) said.textContent = '';
    $('appointments').querySelector('tbody')?.replaceChildren(...shown.map((a) => {
      const tr = document.createElement('tr');
      tr.dataset.appointment = String(a.id);
      const when = whenText(a.starts_at);
      const tongueName = [...tongue.options].find((o) => o.value === a.language)?.textContent || a.language;
      const cells = [when, a.point, names[a.agency]?.[language()] || a.agency, tongueName, t(`appointment.${a.status}`)];
      for (const text of cells) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      const actions = document.createElement('td');
      if (a.status === 'booked') {
        const cancel = document.createElement('button');
        cancel.className = 'danger';
        cancel.textContent = t('booking.cancel');
        cancel.setAttribute('aria-label', t('booking.cancel_which', { when, point: a.point }));
        cancel.addEventListener('click', async () => {
          if (!confirm(t('booking.confirm_cancel', { when }))) return;
          const answer = await fetch('/api/supervisor/appointments/cancel', {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: a.id, agency: a.agency }),
          });
          const body = await answer.json().catch(() => ({}));
          $('appointments-said').className = answer.ok ? '' : 'error';
          $('appointments-said').textContent = answer.ok ? t('booking.cancelled')
            : t('booking.not_cancelled', { error: refusal(null, body, answer.status) });
          await list();
        });
        actions.append(cancel);
      }
      tr.append(actions);
      return tr;
    }));
  }

  return {
    /**
     * The points, and the agencies the caller may book for.
     * @param {{role: string, agencies: string[]}} me
     */
    async load(me) {
      const catalogue = await (await fetch('/api/supervisor/catalogue')).json().catch(() => null);
      for (const entry of catalogue?.points || []) point.append(option(entry.name, entry.name));
      for (const entry of catalogue?.agencies || []) {
        if (me.role !== 'admin' && !me.agencies.includes(entry.code)) continue; // the API's rule too
        names[entry.code] = entry.names;
        agency.append(option(entry.code, entry.names[language()] || entry.code));
      }
      const soon = new Date(Date.now() + 60 * 60 * 1000);
      day.value = isoDay(soon);
      time.value = `${String(soon.getHours()).padStart(2, '0')}:00`;
      await list();
    },
    redraw: draw,
  };
}

/** An appointment's time, in Finnish time, the page's language's way. @param {number} at Unix time */
function whenText(at) {
  return new Intl.DateTimeFormat(language(), {
    weekday: 'short', day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: SERVICE_ZONE,
  }).format(new Date(at * 1000));
}
