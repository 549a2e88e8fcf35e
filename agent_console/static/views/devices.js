// The device check: choose the camera, microphone and speaker, see yourself, watch the
// microphone's level, hear a test sound; remembered in this browser. Between calls only
// (a call keeps the devices it started with). And the note that says what is missing.

import { chosenDevices, listDevices, openDevices, rememberDevices, useSpeaker, watchLevel } from '../devices.js';
import { t } from '../i18n.js';
import { chime } from '../chime.js';

/** @typedef {import('../state.js').ConsoleState} ConsoleState */

const KINDS = /** @type {const} */ (['camera', 'microphone', 'speaker']);

export class DevicesView {
  /**
   * @param {import('../store.js').Store<ConsoleState>} store
   * @param {{onChosen: () => Promise<void>}} options  the console opens the chosen ones
   */
  constructor(store, { onChosen }) {
    this.dialog = /** @type {HTMLDialogElement} */ (document.getElementById('devices-dialog'));
    this.preview = /** @type {HTMLVideoElement} */ (document.getElementById('devices-preview'));
    this.meter = /** @type {HTMLMeterElement} */ (document.getElementById('devices-level'));
    this.note = /** @type {HTMLElement} */ (document.getElementById('device-note'));
    this.button = /** @type {HTMLButtonElement} */ (document.getElementById('devices-button'));
    /** @type {MediaStream|null} */
    this.trial = null;
    this.stopLevel = () => {};
    this.button.addEventListener('click', () => this.open());
    for (const kind of KINDS) this.select(kind).addEventListener('change', () => this.tryOut());
    document.getElementById('devices-test-sound')?.addEventListener('click', () => this.testSound());
    // Remembered as the button is pressed: the dialog's 'close' event comes a task after it
    // is hidden, and a reload in between (a clerk quick on F5) lost the choice.
    this.dialog.querySelector('form')?.addEventListener('submit', (event) => {
      if (/** @type {HTMLButtonElement|null} */ (event.submitter)?.value !== 'save') return;
      rememberDevices({
        camera: this.select('camera').value, microphone: this.select('microphone').value, speaker: this.select('speaker').value,
      });
    });
    this.dialog.addEventListener('close', async () => {
      this.stopTrial();
      if (this.dialog.returnValue === 'save') await onChosen();
    });
    store.subscribe((s) => Boolean(s.call) || !s.me, (off) => { this.button.disabled = off; });
    store.subscribe((s) => `${s.devices.missing.join()} ${s.devices.denied} ${s.language} ${Boolean(s.me)}`,
      (_key, s) => this.showNote(s));
  }

  /** @param {typeof KINDS[number]} kind */
  select(kind) {
    return /** @type {HTMLSelectElement} */ (document.getElementById(`devices-${kind}`));
  }

  async open() {
    const devices = await listDevices();
    const chosen = chosenDevices();
    for (const kind of KINDS) {
      const options = devices[kind].map((d, i) => new Option(d.label || t(`device.${kind}`) + ` ${i + 1}`, d.deviceId));
      this.select(kind).replaceChildren(...options);
      if (!options.length) this.select(kind).append(new Option(t('devices.none'), ''));
      if (options.some((o) => o.value === chosen[kind])) this.select(kind).value = chosen[kind];
    }
    this.dialog.showModal();
    await this.tryOut();
  }

  /** What the choices would give: the picture and the level, now. */
  async tryOut() {
    this.stopTrial();
    const opened = await openDevices({ camera: this.select('camera').value, microphone: this.select('microphone').value, speaker: '' });
    this.trial = opened.stream;
    this.preview.srcObject = opened.stream;
    this.stopLevel = watchLevel(opened.stream, (level) => { this.meter.value = level; });
    /** @type {HTMLElement} */ (document.getElementById('devices-said')).textContent = noteFor(opened.missing, opened.denied);
  }

  stopTrial() {
    this.stopLevel();
    this.stopLevel = () => {};
    this.trial?.getTracks().forEach((track) => track.stop());
    this.trial = null;
    this.preview.srcObject = null;
  }

  async testSound() {
    const player = /** @type {HTMLAudioElement} */ (document.getElementById('devices-sound'));
    await useSpeaker(player, this.select('speaker').value);
    chime(player);
  }

  /** @param {ConsoleState} s */
  showNote(s) {
    const text = s.me ? noteFor(s.devices.missing, s.devices.denied) : '';
    this.note.textContent = text;
    this.note.hidden = !text;
  }
}

/** What a clerk is told about missing devices, and what the call can still do.
 * @param {string[]} missing @param {boolean} denied */
function noteFor(missing, denied) {
  if (!missing.length) return '';
  if (denied) return t('devices.denied');
  if (missing.length === 2) return t('devices.none_work');
  return t(missing[0] === 'camera' ? 'devices.no_camera' : 'devices.no_microphone');
}
