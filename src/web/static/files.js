// The capture directory: size, packets, times; download any file, delete pcapdump's own.
import { h } from 'preact';
import htm from 'htm';
import { formatBytes, formatDateTime } from './format.js';

const html = htm.bind(h);

export function Files({ listing, run: act, refresh }) {
  const del = (name) => {
    if (window.confirm(`Delete ${name}?`)) act(['delete', name]);
  };
  return html`
    <section aria-label="files">
      <h2>Capture files ${listing && html`<span class="muted small">in ${listing.dir}</span>`}</h2>
      <div class="toolbar"><button onClick=${refresh}>Refresh</button></div>
      ${!listing
        ? html`<p class="muted">...</p>`
        : listing.files.length === 0
          ? html`<p class="muted">no files</p>`
          : html`<table class="files">
              <thead><tr><th>Name</th><th>Size</th><th>Packets</th><th>First packet</th><th>Last packet</th><th>Modified</th><th></th></tr></thead>
              <tbody>
                ${listing.files.map(
                  (f) => html`<tr data-file=${f.name}>
                    <td>${f.name}${f.ours ? html` <span class="ours" title="written by pcapdump">*</span>` : ''}
                      ${f.problem && html`<div class="error small">${f.packets === null ? 'not a capture file' : 'damaged'}: ${f.problem}</div>`}</td>
                    <td class="num">${formatBytes(f.size)}</td>
                    <td class="num">${f.packets === null ? '-' : f.packets}</td>
                    <td>${formatDateTime(f.firstMs)}</td>
                    <td>${formatDateTime(f.lastMs)}</td>
                    <td>${formatDateTime(f.mtimeMs)}</td>
                    <td><div class="actions">
                      <a class="button" href=${`/api/files/${encodeURIComponent(f.name)}`} download=${f.name}>Download</a>
                      ${f.ours && html`<button onClick=${() => del(f.name)}>Delete</button>`}
                    </div></td>
                  </tr>`,
                )}
              </tbody>
            </table>
            <p class="muted small">* written by pcapdump: only these can be deleted here (and by cleanup)</p>`}
    </section>`;
}
