// What the customer's link carries and what follows for the pictures (media/quality.py's
// steps, told by the kiosk in `call.quality`). No DOM here.

import { t } from './i18n.js';

/** The steps, worst first. */
export const STEPS = ['text', 'audio', 'stills', 'reduced', 'full'];

/**
 * Whether the official and the customer stop sending each other pictures: in a
 * sign-language call on a link below full, the customer's picture to the interpreter and
 * the signer's to the customer carry the conversation, and theirs go first (the same rule
 * as media/quality.py's official_video_paused, which the kiosk applies to its side).
 * @param {string} step @param {boolean} signCall
 */
export function officialVideoPaused(step, signCall) {
  return signCall && step !== 'full';
}

/**
 * Why the customer's picture is not live on this console, or '' when it is: the clerk is
 * told, over the dimmed picture, never left looking at a frozen face.
 * @param {{step: string, signCall: boolean, role: string, interrupted: boolean}} call
 */
export function pictureNote({ step, signCall, role, interrupted }) {
  if (interrupted) return t('picture.interrupted');
  if (step === 'audio' || step === 'text') return t('picture.sound_only');
  if (role === 'clerk' && officialVideoPaused(step, signCall)) return t('picture.for_sign_language');
  return '';
}
