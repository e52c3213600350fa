// The start form: every option and filter key of the console, composed into the command's
// words; the Engine's own grammar checks them, so its errors are the console's.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import htm from 'htm';

const html = htm.bind(h);

/** Filter keys, and whether each takes a value (src/filter). */
export const FILTER_KEYS = [
  ['ipsrc', 'ADDR[/PREFIX]'],
  ['ipdest', 'ADDR[/PREFIX]'],
  ['ip', 'ADDR[/PREFIX]'],
  ['srcport', 'N or N-M'],
  ['destport', 'N or N-M'],
  ['port', 'N or N-M'],
  ['proto', 'ID or tcp|udp|icmp'],
  ['ethsrc', 'MAC'],
  ['ethdest', 'MAC'],
  ['eth', 'MAC'],
  ['vlan', 'N'],
  ['tcp', null],
  ['udp', null],
  ['icmp', null],
  ['icmp6', null],
  ['arp', null],
];
const HINT = Object.fromEntries(FILTER_KEYS);

/** The words of `pcapdump [OPTION...] [FILTER...] start IFACE` from the form's fields; empty fields are left out. */
export function commandWords(f) {
  const words = [];
  const opt = (flag, value) => {
    const v = value.trim();
    if (v !== '') words.push(flag, v);
  };
  opt('-size', f.size);
  opt('-s', f.snap);
  opt('-c', f.count);
  opt('-t', f.seconds);
  if (f.output === 'brief') words.push('-o');
  if (f.output === 'brief-unbuffered') words.push('-ou');
  if (f.promiscuous) words.push('-p');
  for (const r of f.filters) {
    words.push(r.key);
    if (HINT[r.key] !== null) words.push(r.value.trim());
  }
  words.push('start', f.iface.trim());
  return words;
}

/** Words as one would type them: quoted where a word has a blank or is empty. */
export function commandText(words) {
  return ['pcapdump', ...words.map((w) => (w === '' || /[\s"']/.test(w) ? JSON.stringify(w) : w))].join(' ');
}

const empty = { iface: '', size: '', snap: '', count: '', seconds: '', output: 'none', promiscuous: false, filters: [] };

export function StartForm({ names, onStart, error }) {
  const [f, setF] = useState(empty);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const setFilter = (i, k) => (e) => setF({ ...f, filters: f.filters.map((r, j) => (j === i ? { ...r, [k]: e.currentTarget.value } : r)) });
  const words = commandWords(f);
  const submit = (e) => {
    e.preventDefault();
    onStart(words);
  };
  const field = (k, label, flag, placeholder) => html`
    <label class="field"><span>${label} <code>${flag}</code></span>
      <input name=${k} value=${f[k]} onInput=${set(k)} placeholder=${placeholder} inputmode="numeric" autocomplete="off" /></label>`;
  return html`
    <form class="start" onSubmit=${submit} aria-label="start a capture">
      <div class="row">
        <label class="field"><span>Interface</span>
          <input name="iface" list="iface-names" value=${f.iface} onInput=${set('iface')} placeholder="eth1, any, an alias" autocomplete="off" /></label>
        <datalist id="iface-names">${names.map((n) => html`<option value=${n} />`)}</datalist>
        ${field('size', 'Buffer KB', '-size', '512')}
        ${field('snap', 'Snap length', '-s', 'whole packets')}
        ${field('count', 'Stop after packets', '-c', 'no limit')}
        ${field('seconds', 'Stop after seconds', '-t', 'no limit')}
      </div>
      <div class="row">
        <fieldset class="output"><legend>Brief lines on this page</legend>
          ${[
            ['none', 'no (store only)'],
            ['brief', '-o (and store)'],
            ['brief-unbuffered', '-ou (not stored)'],
          ].map(([v, l]) => html`<label><input type="radio" name="output" value=${v} checked=${f.output === v} onChange=${set('output')} /> ${l}</label>`)}
        </fieldset>
        <label class="check"><input type="checkbox" name="promiscuous" checked=${f.promiscuous} onChange=${set('promiscuous')} /> promiscuous <code>-p</code></label>
      </div>
      <fieldset class="filters"><legend>Filter (different keys: and; the same key twice: or)</legend>
        ${f.filters.map(
          (r, i) => html`<div class="filter">
            <select aria-label="filter key ${i + 1}" value=${r.key} onChange=${setFilter(i, 'key')}>
              ${FILTER_KEYS.map(([k]) => html`<option value=${k}>${k}</option>`)}
            </select>
            ${HINT[r.key] !== null && html`<input aria-label="filter value ${i + 1}" value=${r.value} onInput=${setFilter(i, 'value')} placeholder=${HINT[r.key]} autocomplete="off" />`}
            <button type="button" class="small" onClick=${() => setF({ ...f, filters: f.filters.filter((_, j) => j !== i) })} aria-label="remove filter ${i + 1}">remove</button>
          </div>`,
        )}
        <button type="button" class="small" onClick=${() => setF({ ...f, filters: [...f.filters, { key: 'ipsrc', value: '' }] })}>add a filter key</button>
      </fieldset>
      <div class="row submit">
        <code class="command" aria-label="command">${commandText(words)}</code>
        <button type="submit" class="primary">Start</button>
      </div>
      ${error && html`<p class="error" role="alert">pcapdump: ${error}</p>`}
    </form>`;
}
