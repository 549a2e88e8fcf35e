// Receiving documents from the kiosk on the call's "documents" data channel: the same
// protocol as media/documents.py (begin -> have -> chunks -> end -> received|refused),
// with SHA-256 checked here, resuming a transfer that a dropped channel cut short.

const MAX_BYTES = 25_000_000;
const ALLOWED = new Set(['image/jpeg', 'image/png', 'application/pdf']);
/**
 * Transfers under way or cut short, by document id, across channels: a new channel's
 * "begin" for the same document takes over what arrived, even before the old channel has
 * reported its close. @type {Map<string, any>}
 */
const kept = new Map();
/**
 * The SHA-256 of each document delivered, by id: the kiosk sends one again when the
 * channel that carried it closed before its receipt got back; it is acknowledged at once
 * and listed only once. @type {Map<string, string>}
 */
const delivered = new Map();

/** @param {ArrayBuffer} buffer */
async function sha256hex(buffer) {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * @typedef {{id: string, name: string, mime: string, size: number, sha256: string, blob: Blob, resumedFrom?: number}} ReceivedDocument
 */

export class DocumentInbox {
  /**
   * @param {RTCDataChannel} channel
   * @param {{onDocument: (doc: ReceivedDocument) => void, onProgress: (got: number, size: number) => void,
   *          onRefused: (reason: string) => void}} handlers
   */
  constructor(channel, { onDocument, onProgress, onRefused }) {
    this.channel = channel;
    this.onDocument = onDocument;
    this.onProgress = onProgress;
    this.onRefused = onRefused;
    /** @type {any} */
    this.current = null;
    channel.binaryType = 'arraybuffer';
    channel.onmessage = (event) => {
      if (typeof event.data === 'string') this.onText(event.data);
      else this.onBytes(event.data);
    };
    channel.onclose = () => { this.current = null; };
  }

  /** @param {any} message */
  reply(message) {
    if (this.channel.readyState === 'open') this.channel.send(JSON.stringify(message));
  }

  /** @param {string} id @param {string} reason */
  refuse(id, reason) {
    kept.delete(id);
    this.reply({ t: 'refused', id, reason });
    this.onRefused(reason);
  }

  /** @param {string} text */
  async onText(text) {
    let m;
    try { m = JSON.parse(text); } catch { return; }
    if (!m || typeof m.id !== 'string') return;
    if (m.t === 'begin') {
      if (delivered.get(m.id) === m.sha256) { this.reply({ t: 'received', id: m.id, sha256: m.sha256 }); return; }
      if (this.current) { this.refuse(m.id, 'another document is on its way'); return; }
      if (!ALLOWED.has(m.mime)) { this.refuse(m.id, `type ${m.mime} is not accepted (JPEG, PNG or PDF)`); return; }
      if (!(m.size > 0) || m.size > MAX_BYTES) { this.refuse(m.id, 'the document is empty or too large'); return; }
      const previous = kept.get(m.id);
      if (previous && previous.owner && previous.owner !== this) previous.owner.current = null;
      this.current = previous && previous.sha256 === m.sha256 && previous.size === m.size
        ? { ...previous, resumedFrom: previous.got, owner: this }
        : { id: m.id, name: String(m.name).slice(0, 120), mime: m.mime, size: m.size, sha256: m.sha256, chunks: [], got: 0, resumedFrom: 0, owner: this };
      kept.set(m.id, this.current);
      this.reply({ t: 'have', id: m.id, bytes: this.current.got });
    } else if (m.t === 'end' && this.current && this.current.id === m.id) {
      const doc = this.current;
      this.current = null;
      kept.delete(doc.id);
      const blob = new Blob(doc.chunks, { type: doc.mime });
      const digest = doc.got === doc.size ? await sha256hex(await blob.arrayBuffer()) : '';
      if (digest !== doc.sha256) { this.refuse(doc.id, 'the checksum did not match; nothing was kept'); return; }
      delivered.set(doc.id, digest);
      this.reply({ t: 'received', id: doc.id, sha256: digest });
      this.onDocument({ id: doc.id, name: doc.name, mime: doc.mime, size: doc.size, sha256: digest, blob, resumedFrom: doc.resumedFrom });
    } else {
      this.reply({ t: 'refused', id: m.id, reason: 'no such transfer running' });
    }
  }

  /** @param {ArrayBuffer} chunk */
  onBytes(chunk) {
    const doc = this.current;
    if (!doc) return;
    doc.chunks.push(chunk);
    doc.got += chunk.byteLength;
    if (doc.got > doc.size) {
      this.current = null;
      kept.delete(doc.id);
      this.refuse(doc.id, 'more data than announced; nothing was kept');
      return;
    }
    this.onProgress(doc.got, doc.size);
  }
}

/**
 * Send a document on a data channel by the same protocol (the clerk showing a form on the
 * kiosk; the benchmark's anchor kiosk): resolves with the verified SHA-256, rejects with
 * the receiver's reason.
 * @param {RTCDataChannel} channel
 * @param {{name: string, mime: string, data: Uint8Array}} doc
 * @returns {Promise<string>}
 */
export async function sendDocument(channel, { name, mime, data }) {
  if (channel.readyState !== 'open') {
    await new Promise((resolve, reject) => {
      channel.addEventListener('open', resolve, { once: true });
      channel.addEventListener('close', () => reject(new Error('the channel closed')), { once: true });
    });
  }
  const sha = await sha256hex(data.buffer);
  const replies = [];
  /** @type {(() => void) | null} */
  let wake = null;
  channel.binaryType = 'arraybuffer';
  channel.onmessage = (event) => {
    if (typeof event.data !== 'string') return;
    replies.push(JSON.parse(event.data));
    if (wake) wake();
  };
  const next = async () => {
    while (!replies.length) await new Promise((resolve) => { wake = () => resolve(undefined); });
    return replies.shift();
  };
  const id = `d-${sha.slice(0, 16)}`;
  channel.send(JSON.stringify({ t: 'begin', id, name, mime, size: data.byteLength, sha256: sha }));
  const have = await next();
  if (have.t === 'refused') throw new Error(have.reason);
  channel.bufferedAmountLowThreshold = 1024 * 1024;
  for (let offset = have.bytes; offset < data.byteLength; offset += 65536) {
    if (channel.bufferedAmount > 4 * 1024 * 1024) {
      await new Promise((resolve) => { channel.onbufferedamountlow = resolve; });
    }
    channel.send(data.subarray(offset, Math.min(data.byteLength, offset + 65536)));
  }
  channel.send(JSON.stringify({ t: 'end', id }));
  const verdict = await next();
  if (verdict.t !== 'received' || verdict.sha256 !== sha) throw new Error(verdict.reason || 'refused');
  return sha;
}
