// Interference cases (干扰线索): the list by status, a case's evidence (the station against its neighbours, hour by
// hour) and triage (investigating, confirmed, dismissed with a reason).
import { t } from './i18n.js';
import { api, h, table, time, chart, select, csvLink, ApiError } from './core.js';

const statuses = ['new', 'investigating', 'confirmed', 'dismissed'];

export default async function casesView(el, [id]) {
  let status = '';
  const listBox = h('div', { id: 'case-list' });
  const caseBox = h('div', { id: 'case' });
  let disposeChart = null;
  el.append(h('h1', {}, t('cases'), ' ', csvLink('/api/v1/cases')),
    h('div', { class: 'filters' }, h('label', {}, t('status'),
      select([['', t('all')], ...statuses.map(s => [s, t(`case.${s}`)])], status, v => { status = v; loadList(); }, { id: 'case-status' }))),
    caseBox, listBox);

  async function loadList() {
    const cases = await api(`/api/v1/cases${status ? `?status=${status}` : ''}`);
    listBox.replaceChildren(table([
      ['#', c => c.id, 'num'], [t('station'), c => c.name], [t('city'), c => c.city], [t('rule'), c => c.rule], [t('parameters'), c => c.parameters.join(', ')],
      [t('begin'), c => time(c.from)], [t('end'), c => time(c.to)], [t('score'), c => c.score.toFixed(2), 'num'], [t('summary'), c => c.summary],
      [t('status'), c => t(`case.${c.status}`)], [t('opened'), c => time(c.opened)],
    ], cases, { onRow: c => { location.hash = `#/cases/${c.id}`; }, id: 'cases-table' }));
  }

  async function openCase(caseId) {
    const [c, evidence] = await Promise.all([api(`/api/v1/cases/${caseId}`), api(`/api/v1/cases/${caseId}/evidence`)]);
    const box = h('div', { class: 'chart wide', id: 'evidence-chart' });
    const reason = h('input', { id: 'triage-reason', placeholder: t('reason') });
    const message = h('p', { role: 'status' });
    const triage = next => async () => {
      try {
        await api(`/api/v1/cases/${caseId}/triage`, { method: 'POST', body: { status: next, reason: reason.value || null } });
        await openCase(caseId);
        await loadList();
      } catch (e) {
        message.textContent = e instanceof ApiError ? `${e.code}: ${e.message}` : e.message;
        message.className = 'error';
      }
    };
    caseBox.replaceChildren(
      h('h2', {}, `#${c.id} ${c.name} (${c.mn}) · ${c.rule} · ${t(`case.${c.status}`)}`),
      h('p', {}, c.summary, c.reason ? ` · ${t('reason')}: ${c.reason}` : ''),
      h('h3', {}, t('evidence')), box,
      h('div', { class: 'filters' }, h('span', {}, t('triage')), reason,
        statuses.slice(1).map(s => h('button', { 'data-status': s, onclick: triage(s) }, t(`case.${s}`)))),
      message);
    if (disposeChart) disposeChart();
    const { instance, dispose } = chart(box);
    disposeChart = dispose;
    const start = Date.parse(evidence.from);
    instance.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 12, top: 36, bottom: 28 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true },
      series: evidence.series.map(s => ({
        name: `${s.name} ${s.parameter}`, type: 'line', showSymbol: false, connectNulls: false,
        lineStyle: s.subject ? { width: 2.5, color: '#e03131' } : { width: 1, opacity: 0.6 }, itemStyle: s.subject ? { color: '#e03131' } : undefined, z: s.subject ? 3 : 2,
        data: s.values.map((v, i) => [start + i * 3600_000, v]),
      })),
    });
  }

  await loadList();
  if (id) await openCase(id);
  return () => { if (disposeChart) disposeChart(); };
}
