// The review desk (数据审核): the levels and their deadlines, what waits at my level on a date, a station's day hour by
// hour with its automatic QC and decisions, bulk marks (valid/invalid with a catalogue reason), sign-off and month locks.
import { t, language } from './i18n.js';
import { api, h, table, time, beijingDate, select, ApiError } from './core.js';

export default async function reviewView(el, [initialDate, initialStation]) {
  let date = initialDate ?? beijingDate(-1);
  const [levels, reasons] = await Promise.all([api('/api/v1/review/levels'), api('/api/v1/qc/reasons')]);
  const message = h('p', { role: 'status', id: 'review-message' });
  const queueBox = h('div', { id: 'queue' });
  const dayBox = h('div', { id: 'review-day' });
  const selected = new Set();
  const say = (text, bad) => { message.textContent = text; message.className = bad ? 'error' : 'ok'; };
  const act = async (work, done) => {
    try {
      await work();
      say(done ?? t('done'));
      await loadQueue();
    } catch (e) {
      say(e instanceof ApiError ? `${e.code}: ${e.message}` : e.message, true);
    }
  };

  const month = h('input', { type: 'month', value: date.slice(0, 7), id: 'lock-month' });
  el.append(h('h1', {}, t('review')),
    h('details', {}, h('summary', {}, t('levels')),
      table([[t('name'), l => l.name], ['role', l => l.role], [t('deadline'), l => `+${l.deadlineDays}d ${l.deadlineTime}`]], levels)),
    h('div', { class: 'filters' },
      h('label', {}, t('date'), h('input', { type: 'date', value: date, id: 'review-date', onchange: e => { date = e.target.value; location.hash = `#/review/${date}`; } })),
      h('button', { id: 'sign', onclick: () => sign() }, t('signOff')),
      h('label', {}, t('month'), month),
      h('button', { id: 'lock', onclick: () => lock() }, t('lockMonth'))),
    message, queueBox, dayBox);

  async function loadQueue() {
    let rows;
    try {
      rows = await api(`/api/v1/review/queue?date=${date}`);
    } catch (e) {
      queueBox.replaceChildren(h('p', { class: 'error' }, e.code === 'forbidden' ? t('noQueue') : e.message));
      return;
    }
    queueBox.replaceChildren(h('h2', {}, `${t('queue')} ${date}`), table([
      ['', r => h('input', { type: 'checkbox', 'aria-label': r.mn, checked: selected.has(r.mn), onclick: e => { e.stopPropagation(); if (e.target.checked) selected.add(r.mn); else selected.delete(r.mn); } })],
      [t('station'), r => r.name], [t('mn'), r => r.mn], [t('city'), r => r.city], [t('hours'), r => r.hours, 'num'],
      [t('suspect'), r => r.suspect, 'num'], [t('fail'), r => r.fail, 'num'], [t('invalidated'), r => r.invalidated, 'num'],
      [t('lowerSigned'), r => (r.lowerSigned ? t('yes') : t('no'))], [t('signed'), r => (r.signedBy ? `${r.signedBy} ${time(r.signedAt)}` : '')],
      [t('deadline'), r => h('span', { class: r.overdue ? 'bad' : '' }, `${time(r.deadline)}${r.overdue ? ' ' + t('overdue') : ''}`)],
    ], rows, { onRow: r => openDay(r.mn, r.name), id: 'queue-table' }));
  }

  async function openDay(mn, name) {
    const hours = await api(`/api/v1/review/day?station=${encodeURIComponent(mn)}&date=${date}`);
    const parameters = [...new Set(hours.map(r => r.parameter))].sort();
    const times = [...new Set(hours.map(r => r.time))].sort();
    const cell = new Map(hours.map(r => [`${r.parameter}|${r.time}`, r]));
    const chosenHours = new Set();
    const chosenParameters = new Set(parameters);
    const reason = select(reasons.map(r => [r.code, `${language() === 'en' ? r.english : r.chinese} (${r.code})`]), 'station-fault', () => {}, { id: 'mark-reason' });
    const comment = h('input', { id: 'mark-comment', placeholder: t('comment') });
    const mark = decision => act(async () => {
      const picked = [...chosenHours].sort();
      if (picked.length === 0) throw new Error(t('selectedHours') + ': ' + t('none'));
      const from = picked[0];
      const to = new Date(Date.parse(picked[picked.length - 1]) + 3600_000).toISOString();
      await api('/api/v1/review/marks', { method: 'POST', body: { stations: [mn], parameters: [...chosenParameters], kind: 'hour', from, to, decision, reason: reason.value, comment: comment.value || null } });
      await openDay(mn, name);
    });
    const grid = h('table', { class: 'grid', id: 'day-grid' },
      h('thead', {}, h('tr', {}, h('th', {}, t('hour')), parameters.map(p => h('th', {},
        h('label', {}, h('input', { type: 'checkbox', checked: true, onchange: e => { if (e.target.checked) chosenParameters.add(p); else chosenParameters.delete(p); } }), p))))),
      h('tbody', {}, times.map(time => h('tr', {},
        h('th', {}, h('label', {}, h('input', { type: 'checkbox', 'data-hour': time, onchange: e => { if (e.target.checked) chosenHours.add(time); else chosenHours.delete(time); } }),
          new Date(time).toLocaleTimeString(language(), { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }))),
        parameters.map(p => {
          const r = cell.get(`${p}|${time}`);
          if (!r) return h('td', { class: 'missing' }, '—');
          const state = r.decision ? (r.decision.valid ? 'valid' : 'invalid') : r.qc >= 4 ? 'fail' : r.qc === 3 ? 'suspect' : '';
          const why = [...r.flags.map(f => (language() === 'en' ? f.reasonEn : f.reasonZh) ?? f.reason), r.decision ? `${r.decision.level}: ${r.decision.reason}` : ''].filter(Boolean).join('; ');
          return h('td', { class: `num ${state}`, title: why }, `${r.value ?? '—'}${r.flag && r.flag !== 'N' ? ' ' + r.flag : ''}`);
        })))));
    dayBox.replaceChildren(h('h2', {}, `${name} ${mn} · ${date}`),
      h('div', { class: 'filters' }, reason, comment,
        h('button', { id: 'mark-valid', onclick: () => mark('valid') }, t('markValid')),
        h('button', { id: 'mark-invalid', class: 'danger', onclick: () => mark('invalid') }, t('markInvalid'))),
      h('div', { class: 'table-wrap' }, grid));
  }

  async function sign() {
    if (selected.size === 0) { say(t('selectStations'), true); return; }
    await act(() => api('/api/v1/review/signs', { method: 'POST', body: { stations: [...selected], date } }));
  }

  async function lock() {
    const me = await api('/api/v1/session');
    await act(() => api('/api/v1/review/locks', { method: 'POST', body: { month: month.value, city: me.role === 'city-reviewer' ? me.city : null } }));
  }

  await loadQueue();
  if (initialStation) await openDay(initialStation, initialStation);
}
