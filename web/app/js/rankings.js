// City rankings: the hourly AQI now, a day's AQI, and the month's and the year's composite index (HJ 663), with the
// figures behind each rank, as a table and a bar chart.
import { t } from './i18n.js';
import { api, h, table, chart, select, aqiBadge, aqiColours, hourLabel, beijingDate, csvLink } from './core.js';

export default async function rankingsView(el, [initial]) {
  let kind = initial ?? 'hourly';
  let date = beijingDate(-1);
  const body = h('div', { id: 'ranking' });
  const box = h('div', { class: 'chart wide' });
  const { instance, dispose } = chart(box);
  const dateInput = h('input', { type: 'date', value: date, onchange: e => { date = e.target.value; draw(); } });
  el.append(h('h1', {}, t('rankings')),
    h('div', { class: 'filters' },
      select([['hourly', t('hourly')], ['daily', t('daily')], ['monthly', t('monthly')], ['yearly', t('yearly')]], kind, v => { kind = v; draw(); }, { id: 'ranking-kind' }),
      h('label', {}, t('date'), dateInput)),
    box, body);

  async function draw() {
    body.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    let rows;
    let columns;
    let path;
    if (kind === 'hourly' || kind === 'daily') {
      path = kind === 'hourly' ? '/api/v1/aqi/cities' : `/api/v1/aqi/cities/daily?date=${date}`;
      const cities = await api(path);
      rows = cities.filter(c => c.aqi !== null && c.aqi !== undefined).sort((a, b) => a.aqi - b.aqi);
      rows.forEach((r, i) => { r.rank = i > 0 && rows[i - 1].aqi === r.aqi ? rows[i - 1].rank : i + 1; });
      columns = [
        [t('rank'), r => r.rank, 'num'], [t('city'), r => r.name],
        [kind === 'hourly' ? t('hour') : t('date'), r => (kind === 'hourly' ? hourLabel(r.hour) : date)],
        [t('aqi'), r => r.aqi, 'num'], [t('category'), r => aqiBadge(levelOf(r.aqi))], [t('primary'), r => (r.primary ?? []).join(', ')],
        ...['PM2.5', 'PM10', 'O3', 'NO2', 'SO2', 'CO'].map(p => [p, r => r.concentrations?.[p] ?? '', 'num']),
      ];
      instance.setOption(bars(rows.map(r => r.name), rows.map(r => ({ value: r.aqi, itemStyle: { color: aqiColours[levelOf(r.aqi)] } })), 'AQI'), true);
    } else {
      const to = date;
      const from = kind === 'monthly' ? `${date.slice(0, 7)}-01` : `${date.slice(0, 4)}-01-01`;
      path = `/api/v1/rankings?from=${from}&to=${to}`;
      const ranking = await api(path);
      rows = ranking.cities;
      columns = [
        [t('rank'), r => r.rank ?? '—', 'num'], [t('city'), r => r.name], [t('composite'), r => r.composite ?? '—', 'num'],
        [t('change'), r => (r.compositeChange === null ? '—' : `${r.compositeChange}%`), 'num'],
        [t('goodShare'), r => (r.goodShare === null ? '—' : `${r.goodShare}%`), 'num'], [t('heavyDays'), r => r.heavyDays, 'num'],
        ...['PM2.5', 'PM10', 'O3', 'NO2', 'SO2', 'CO'].map(p => [p, r => r.concentrations?.[p] ?? '', 'num']),
      ];
      const ranked = rows.filter(r => r.composite !== null);
      instance.setOption(bars(ranked.map(r => r.name), ranked.map(r => r.composite), t('composite')), true);
    }
    body.replaceChildren(csvLink(path), table(columns, rows, { id: 'ranking-table' }));
  }

  await draw();
  return dispose;
}

function levelOf(aqi) {
  return aqi <= 50 ? 1 : aqi <= 100 ? 2 : aqi <= 150 ? 3 : aqi <= 200 ? 4 : aqi <= 300 ? 5 : 6;
}

function bars(names, values, label) {
  return {
    animation: false, grid: { left: 48, right: 12, top: 24, bottom: 64 }, tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 40, interval: 0 } }, yAxis: { type: 'value', name: label },
    series: [{ type: 'bar', data: values, itemStyle: { color: '#4c6ef5' } }],
  };
}
