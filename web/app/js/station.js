// A station: its registry data and link, a chart of every parameter with station flags and QC findings marked on it
// (the reasons in the tooltip), its 真准全快新 scorecard, its open interference cases and its connection history.
import { t, language } from './i18n.js';
import { api, h, table, time, hourLabel, chart, select, csvLink } from './core.js';

export default async function stationView(el, [mn]) {
  const detail = await api(`/api/v1/stations/${encodeURIComponent(mn)}`);
  const s = detail.station;
  const disposers = [];
  const charts = h('div', { class: 'charts', id: 'station-charts' });
  let hours = 72;

  el.append(
    h('h1', {}, `${s.name} `, h('small', {}, s.mn)),
    h('div', { class: 'cards' },
      card(t('registry'), [
        [t('networkFilter'), t(`net.${s.network}`)], [t('city'), s.cityName ?? s.cityCode], [t('county'), s.countyName ?? s.countyCode ?? ''],
        [t('lifecycle'), s.status], [t('operator'), s.operator ?? ''], ['经纬度 / Lat, lon', `${s.lat.toFixed(4)}, ${s.lon.toFixed(4)}`],
        [t('status'), h('span', { class: s.online ? 'link-online' : 'link-offline' }, s.online ? t('online') : t('offline'))],
        [t('lastData'), time(s.lastData)], [t('remote'), s.remote ?? ''],
      ]),
      h('div', { class: 'card', id: 'scorecard' }, h('h2', {}, t('scorecard')), h('p', { class: 'muted' }, t('loading'))),
      h('div', { class: 'card', id: 'cases' }, h('h2', {}, t('openCases')), h('p', { class: 'muted' }, t('loading')))),
    h('h2', {}, t('series'), ' ',
      select([['24', t('h24')], ['72', t('h72')], ['168', t('d7')]], String(hours), v => { hours = Number(v); drawCharts(); }, { id: 'period' }), ' ',
      csvLink(`/api/v1/readings?station=${encodeURIComponent(mn)}`)),
    charts,
    h('h2', {}, t('connections')),
    table([
      [t('connection'), c => c.connection], [t('remote'), c => c.remote], [t('firstFrame'), c => time(c.first)], [t('lastFrame'), c => time(c.last)],
      [t('frames'), c => c.frames, 'num'], [t('rejected'), c => c.rejected, 'num'],
    ], detail.connections, { id: 'connections' }));

  async function drawCharts() {
    for (const dispose of disposers.splice(0)) dispose();
    charts.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    const to = new Date();
    const from = new Date(to.getTime() - hours * 3600_000);
    const range = `station=${encodeURIComponent(mn)}&kind=hour&from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    const [readings, flags] = await Promise.all([api(`/api/v1/readings?${range}`), api(`/api/v1/qc/flags?${range}`)]);
    const qc = new Map(flags.map(f => [`${f.parameter}|${Date.parse(f.time)}`, f]));
    const byParameter = Map.groupBy(readings, r => r.parameter);
    charts.replaceChildren();
    for (const [parameter, rows] of [...byParameter.entries()].sort()) {
      const box = h('div', { class: 'chart', 'data-parameter': parameter });
      charts.append(h('figure', {}, h('figcaption', {}, parameter), box));
      const { instance, dispose } = chart(box);
      disposers.push(dispose);
      const marked = level => rows.filter(r => qc.get(`${parameter}|${Date.parse(r.time)}`)?.level === level && r.value !== null);
      const point = r => ({ value: [r.time, r.value], reading: r });
      instance.setOption({
        animation: false,
        grid: { left: 48, right: 12, top: 20, bottom: 28 },
        legend: { top: 0, right: 0, textStyle: { fontSize: 10 } },
        tooltip: { trigger: 'item', formatter: item => tip(item.data.reading, qc.get(`${parameter}|${Date.parse(item.data.reading.time)}`)) },
        xAxis: { type: 'time', axisLabel: { formatter: v => hourLabel(v), hideOverlap: true } },
        yAxis: { type: 'value', scale: true },
        series: [
          { name: parameter, type: 'line', showSymbol: false, data: rows.map(point), connectNulls: false, lineStyle: { width: 1.5 }, triggerLineEvent: true },
          { name: t('stationFlag'), type: 'scatter', symbol: 'triangle', symbolSize: 8, itemStyle: { color: '#5c7cfa' }, data: rows.filter(r => r.flag && r.flag !== 'N' && r.value !== null).map(point) },
          { name: t('suspect'), type: 'scatter', symbolSize: 8, itemStyle: { color: '#f59f00' }, data: marked(3).map(point) },
          { name: t('fail'), type: 'scatter', symbolSize: 9, itemStyle: { color: '#e03131' }, data: marked(4).map(point) },
        ],
      });
    }
    if (byParameter.size === 0) charts.append(h('p', { class: 'muted' }, t('noData')));
  }

  function tip(reading, finding) {
    const lines = [`${reading.parameter} ${hourLabel(reading.time)}`, `${reading.value ?? '—'} · ${t('flag')} ${reading.flag || 'N'}${reading.revised ? ' · revised' : ''}`];
    for (const f of finding?.flags ?? []) {
      lines.push(`${f.level === 4 ? t('fail') : t('suspect')}: ${(language() === 'en' ? f.reasonEn : f.reasonZh) ?? f.reason} (${f.rule})`);
    }
    return lines.map(l => l.replace(/[&<>]/g, c => `&#${c.charCodeAt(0)};`)).join('<br>');
  }

  await drawCharts();
  loadSide(mn, el);
  return () => { for (const dispose of disposers) dispose(); };
}

async function loadSide(mn, el) {
  const to = new Date();
  const from = new Date(to.getTime() - 30 * 86400_000);
  const scoreBox = el.querySelector('#scorecard');
  try {
    const rows = await api(`/api/v1/stats/scorecard?by=station&from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`);
    const row = rows.find(r => r.key === mn);
    const pct = v => (v === null || v === undefined ? '—' : v.toFixed(1));
    scoreBox.replaceChildren(h('h2', {}, t('scorecard')), row
      ? h('dl', { class: 'score' }, ['authentic', 'accurate', 'complete', 'timely', 'fresh', 'overall'].flatMap(k => [h('dt', {}, t(k)), h('dd', {}, pct(row[k]))]))
      : h('p', { class: 'muted' }, t('noData')));
  } catch (e) {
    scoreBox.replaceChildren(h('h2', {}, t('scorecard')), h('p', { class: 'muted' }, e.message));
  }
  const casesBox = el.querySelector('#cases');
  try {
    const cases = (await api('/api/v1/cases')).filter(c => c.mn === mn && (c.status === 'new' || c.status === 'investigating'));
    casesBox.replaceChildren(h('h2', {}, t('openCases')), cases.length
      ? h('ul', {}, cases.map(c => h('li', {}, h('a', { href: `#/cases/${c.id}` }, `#${c.id} ${c.rule}`), ` ${c.summary}`)))
      : h('p', { class: 'muted' }, t('none')));
  } catch (e) {
    casesBox.replaceChildren(h('h2', {}, t('openCases')), h('p', { class: 'muted' }, e.message));
  }
}

function card(title, rows) {
  return h('div', { class: 'card' }, h('h2', {}, title), h('dl', {}, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
}
