// The documents panel of a call: what the customer handed in, verified, with a
// thumbnail, a full view with zoom, and download.

import { language, t } from '../i18n.js';

/** @param {number} bytes */
function size(bytes) {
  const one = new Intl.NumberFormat(language(), { maximumFractionDigits: 1 });
  return bytes > 1e6 ? `${one.format(bytes / 1e6)} MB` : `${one.format(Math.ceil(bytes / 1e3))} kB`;
}

export class DocumentsView {
  /** @param {import('../store.js').Store<import('../state.js').ConsoleState>} store */
  constructor(store) {
    this.list = /** @type {HTMLElement} */ (document.getElementById('documents-list'));
    this.empty = /** @type {HTMLElement} */ (document.getElementById('documents-empty'));
    this.progress = /** @type {HTMLElement} */ (document.getElementById('documents-progress'));
    this.viewer = /** @type {HTMLElement} */ (document.getElementById('viewer'));
    this.viewerImage = /** @type {HTMLImageElement} */ (document.getElementById('viewer-image'));
    this.zoom = 1;
    /** @type {string[]} */
    this.urls = [];
    document.getElementById('viewer-close')?.addEventListener('click', () => { this.viewer.hidden = true; });
    // A window of its own, to put on a second monitor beside the call.
    document.getElementById('viewer-window')?.addEventListener('click', () => {
      window.open(this.viewerImage.src, '_blank', 'popup,width=900,height=1200');
      this.viewer.hidden = true;
    });
    document.getElementById('zoom-in')?.addEventListener('click', () => this.setZoom(this.zoom * 1.5));
    document.getElementById('zoom-out')?.addEventListener('click', () => this.setZoom(this.zoom / 1.5));
    // Documents leave the console with the call.
    store.subscribe((s) => s.call?.call_id, () => this.clear());
  }

  /** @param {number} zoom */
  setZoom(zoom) {
    this.zoom = Math.min(8, Math.max(0.25, zoom));
    // Width, not a transform: the page stays scrollable to every edge when zoomed in.
    this.viewerImage.style.width = `${Math.round(90 * this.zoom)}vw`;
  }

  /** @param {number} got @param {number} total */
  showProgress(got, total) {
    this.progress.textContent = got < total ? t('console.receiving', { percent: Math.floor((100 * got) / total) }) : '';
  }

  /** @param {string} text what happens to a document the clerk shows on the kiosk */
  showNote(text) {
    this.progress.textContent = text;
  }

  /** @param {string} text */
  showProblem(text) {
    this.progress.textContent = t('console.not_arrived', { reason: text });
  }

  /** @param {import('../documents.js').ReceivedDocument} doc */
  add(doc) {
    this.progress.textContent = '';
    const url = URL.createObjectURL(doc.blob);
    this.urls.push(url);
    const item = document.createElement('li');
    item.className = 'document';
    item.dataset.sha256 = doc.sha256;
    item.dataset.size = String(doc.size);
    item.dataset.resumedFrom = String(doc.resumedFrom || 0);
    const isImage = doc.mime.startsWith('image/');
    const thumb = document.createElement(isImage ? 'img' : 'span');
    thumb.className = 'thumb';
    if (thumb instanceof HTMLImageElement) { thumb.src = url; thumb.alt = doc.name; } else thumb.textContent = 'PDF';
    const label = document.createElement('span');
    label.className = 'doc-name';
    label.textContent = `${doc.name} (${size(doc.size)})`;
    const verified = document.createElement('span');
    verified.className = 'verified';
    verified.textContent = `✓ ${t('console.verified')}`;
    verified.title = `SHA-256 ${doc.sha256}`;
    const download = document.createElement('a');
    download.href = url;
    download.download = doc.name;
    download.textContent = t('console.download');
    item.append(thumb, label, verified, download);
    if (isImage) {
      const view = document.createElement('button');
      view.textContent = t('console.view');
      view.addEventListener('click', () => {
        this.viewerImage.src = url;
        this.viewerImage.alt = doc.name;
        this.setZoom(1);
        this.viewer.hidden = false;
      });
      item.append(view);
    }
    this.list.append(item);
    this.empty.hidden = true;
  }

  clear() {
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls = [];
    this.list.replaceChildren();
    this.empty.hidden = false;
    this.progress.textContent = '';
    this.viewer.hidden = true;
  }
}
