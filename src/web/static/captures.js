// The captures of the Engine (every face's), their counters as they change, and the verbs on them.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import htm from 'htm';
import { formatBytes, formatElapsed, ifaceLabel } from './format.js';

const html = htm.bind(h);

function Fill({ s }) {
  if (s.sizeBytes === 0) return html`<span class="muted">no buffer (-ou)</span>`;
  const pct = Math.round((100 * s.usedBytes) / s.sizeBytes);
  return html`<span class="fill"><meter min="0" max="100" value=${pct} aria-label="buffer fill"></meter> ${pct}% of ${formatBytes(s.sizeBytes)}</span>`;
}

function Row({ s, run: act, show, detail }) {
  const [file, setFile] = useState(`${s.iface}-%Y%m%d-%H%M%S.pcapng`);
  const running = s.state === 'running';
  const left = s.timeLeftMs === null ? '' : ` (${formatElapsed(s.timeLeftMs + 999)} left)`;
  const state = s.state === 'error' && s.error ? `error: ${s.error}` : s.state;
  return html`
    <tr data-iface=${s.iface} class=${running ? 'running' : ''}>
      <td><strong>${ifaceLabel(s)}</strong><div class="muted small settings">${s.options} ${s.filter}</div></td>
      <td class="state">${state}${s.unwritten ? html` <span class="unwritten" title="packets in memory not yet written">*</span>` : ''}</td>
      <td class="num" data-col="stored">${s.stored}</td>
      <td class="num" data-col="seen">${s.seen}</td>
      <td class="num">${s.overwritten}</td>
      <td><${Fill} s=${s} /></td>
      <td class="num" title="kernel/ring">${s.kernelDrops === null ? '-' : s.kernelDrops}/${s.ringDrops}</td>
      <td class="num">${formatElapsed(s.elapsedMs)}${left}</td>
      <td><div class="actions">
        ${running && html`<button onClick=${() => act(['stop', s.iface])}>Stop</button>`}
        ${s.sizeBytes > 0 && html`<button onClick=${() => show(s.iface, detail)}>Show</button>`}
        <button onClick=${() => act(['wipe', s.iface])}>Wipe</button>
        ${s.sizeBytes > 0 &&
        html`<form class="write" onSubmit=${(e) => (e.preventDefault(), act(['write', s.iface, file.trim()]))}>
          <input aria-label="file name for ${s.iface}" value=${file} onInput=${(e) => setFile(e.currentTarget.value)} />
          <button type="submit">Write</button>
        </form>`}
      </div></td>
    </tr>`;
}

export function Captures({ captures, run: act, show }) {
  // show's options and filter, as after "show" at the console: -v, -e, -x, -c N, tcp port 80...
  const [detail, setDetail] = useState('');
  const confirmCleanup = () => {
    if (window.confirm('Cleanup stops every capture, frees every buffer and deletes every file pcapdump wrote. Go on?')) act(['cleanup']);
  };
  return html`
    <section aria-label="captures">
      <h2>Captures <span class="muted small">(from every console, SSH session and page)</span></h2>
      <div class="toolbar">
        <button onClick=${() => act(['stop'])}>Stop all</button>
        <button onClick=${() => show(undefined, detail)}>Show all</button>
        <input class="detail" aria-label="show options" placeholder="show options: -v -c 50 tcp port 80" value=${detail} onInput=${(e) => setDetail(e.currentTarget.value)} />
        <button onClick=${() => act(['wipe'])}>Wipe all</button>
        <button class="danger" onClick=${confirmCleanup}>Cleanup</button>
      </div>
      ${captures.length === 0
        ? html`<p class="muted">no captures</p>`
        : html`<table class="captures">
            <thead><tr><th>Interface</th><th>State</th><th>Stored</th><th>Seen</th><th>Overwritten</th><th>Buffer</th><th>Drops</th><th>Time</th><th></th></tr></thead>
            <tbody>${captures.map((s) => html`<${Row} key=${s.device} s=${s} run=${act} show=${show} detail=${detail} />`)}</tbody>
          </table>`}
    </section>`;
}
