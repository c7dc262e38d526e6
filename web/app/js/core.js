// What every view uses: the API client (session cookie + CSRF token), DOM building without innerHTML, tables, times.
import { t, language } from './i18n.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const session = {
  user: null,
  csrf: null,
  async load() {
    try {
      const me = await api('/api/v1/session');
      this.user = me;
      this.csrf = me.csrf;
    } catch {
      this.user = null;
    }
  },
};

// Calls the API; unsafe methods send the session's CSRF token. Errors become ApiError with the ProblemDetails code.
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (!response.ok) {
    let problem = {};
    try { problem = await response.json(); } catch { /* not a problem document */ }
    const code = problem.code ?? String(response.status);
    const message = code === 'not-found' ? t('notFound') : code === 'forbidden' ? `${t('forbidden')}: ${problem.detail ?? ''}` : problem.detail ?? response.statusText;
    throw new ApiError(response.status, code, message);
  }
  return response.status === 204 ? null : response.json();
}

export async function signIn(name, password) {
  const me = await api('/api/v1/session', { method: 'POST', body: { name, password } });
  session.user = me;
  session.csrf = me.csrf;
}

export async function signOut() {
  try { await api('/api/v1/session', { method: 'DELETE' }); } finally { session.user = null; session.csrf = null; }
}

export function changePassword(current, replacement) {
  return api('/api/v1/session/password', { method: 'POST', body: { current, replacement } });
}

// h('a', { href: '#', onclick: f }, 'text', child): an element; strings become text nodes, never markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'style') el.style.cssText = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
}

// A table: columns are [label, row => value or node, className?]; rows beyond `limit` are counted, not drawn.
export function table(columns, rows, { onRow, limit = 500, id } = {}) {
  const body = h('tbody');
  for (const row of rows.slice(0, limit)) {
    const tr = h('tr', onRow ? { class: 'link', tabindex: 0, onclick: () => onRow(row), onkeydown: e => { if (e.key === 'Enter') onRow(row); } } : {},
      columns.map(([, cell, cls]) => h('td', { class: cls }, cell(row) ?? '')));
    body.append(tr);
  }
  const el = h('div', { class: 'table-wrap' },
    h('table', { id }, h('thead', {}, h('tr', {}, columns.map(([label, , cls]) => h('th', { class: cls }, label)))), body));
  if (rows.length > limit) el.append(h('p', { class: 'muted' }, `${t('showing')} ${limit} ${t('of')} ${rows.length}`));
  if (rows.length === 0) el.append(h('p', { class: 'muted' }, t('none')));
  return el;
}

export function csvLink(path) {
  return h('a', { class: 'csv', href: path + (path.includes('?') ? '&' : '?') + 'format=csv', download: '' }, t('csv'));
}

const beijing = { timeZone: 'Asia/Shanghai', hour12: false };

export function time(value) {
  if (!value) return '';
  return new Date(value).toLocaleString(language(), { ...beijing, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function hourLabel(value) {
  return new Date(value).toLocaleString(language(), { ...beijing, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

// A Beijing date (YYYY-MM-DD) `days` from today.
export function beijingDate(days = 0) {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86400_000);
  return d.toISOString().slice(0, 10);
}

export function percent(ratio) {
  return ratio?.rate === null || ratio?.rate === undefined ? '—' : `${(ratio.rate * 100).toFixed(1)}%`;
}

export const aqiColours = ['#bbbbbb', '#00e400', '#ffff00', '#ff7e00', '#ff0000', '#99004c', '#7e0023'];
export const waterColours = ['#bbbbbb', '#1e90ff', '#00bfff', '#00b050', '#e6d400', '#ff9f00', '#e00000'];

export function aqiBadge(level, text) {
  return h('span', { class: `badge aqi-${level ?? 0}` }, text ?? (level ? t(`aqi.${level}`) : t('noData')));
}

export function chart(el) {
  const instance = echarts.init(el, null, { renderer: 'canvas' });
  // The chart follows its element's size (a window resize, a scroll bar appearing as the page grows).
  const observer = new ResizeObserver(() => instance.resize());
  observer.observe(el);
  return { instance, dispose: () => { observer.disconnect(); instance.dispose(); } };
}

export function select(options, value, onchange, attrs = {}) {
  const el = h('select', { ...attrs, onchange: e => onchange(e.target.value) }, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
  return el;
}
