// Is media arriving from each member of the call, and what should the clerk be told?
// The same rule as the kiosk's (media/watch.py): a path whose packet count has not moved
// for 2 s is interrupted. WebRTC itself says "disconnected" only after ~5 s and an aiortc
// kiosk never does, so the console does not wait for it (docs/resilience.md). No DOM here.

import { t } from './i18n.js';

/** No packet for this long: the path is interrupted. */
export const STALL_MS = 2000;
/** Stalled this long while signalling works: ask for a new connection. */
export const RESTART_AFTER_MS = 3000;

export class MediaWatch {
  constructor() {
    /** @type {'waiting'|'connected'|'interrupted'} */
    this.flow = 'waiting';
    this.packets = -1;
    this.movedAt = 0;
  }

  /**
   * @param {number} packets received from the peer so far @param {number} now ms
   * @returns {'connected'|'interrupted'|null} the new flow if it changed
   */
  observe(packets, now) {
    if (packets !== this.packets) {
      this.packets = packets;
      this.movedAt = now;
      if (packets > 0 && this.flow !== 'connected') {
        this.flow = 'connected';
        return this.flow;
      }
      return null;
    }
    if (this.flow === 'connected' && now - this.movedAt >= STALL_MS) {
      this.flow = 'interrupted';
      return this.flow;
    }
    return null;
  }

  /** @param {number} now */
  stalledFor(now) {
    return this.flow === 'interrupted' ? now - this.movedAt : 0;
  }
}

/**
 * The banner over the call: who is affected and for how long, or nothing when all is well.
 * @param {Array<{label: string, online: boolean, offlineSince: number, watch: MediaWatch}>} members
 * @param {number} now ms
 */
export function callBanner(members, now) {
  const lines = [];
  for (const m of members) {
    const since = !m.online ? now - m.offlineSince : m.watch.stalledFor(now);
    if (!m.online || m.watch.flow === 'interrupted') {
      const seconds = Math.max(1, Math.round(since / 1000));
      lines.push(t('console.banner', { who: m.label, seconds }));
    }
  }
  return lines.join('\n');
}
