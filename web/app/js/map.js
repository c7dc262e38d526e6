// 一张图: every station in scope on the province's map, coloured by AQI category, water class, noise compliance or
// online status, with filters, a legend that names each colour and counts it, a station list, and live updates.
import { t } from './i18n.js';
import { api, h, clear, table, time, chart, select, aqiColours, waterColours, aqiBadge } from './core.js';

let geography = null;

const modes = {
  aqi: {
    label: 'byAqi',
    get classes() { return [1, 2, 3, 4, 5, 6].map(l => ({ key: String(l), label: t(`aqi.${l}`), colour: aqiColours[l] })); },
    of: p => (p.level ? String(p.level) : null),
  },
  water: {
    label: 'byWater',
    get classes() { return [1, 2, 3, 4, 5, 6].map(c => ({ key: String(c), label: t(`water.${c}`), colour: waterColours[c] })); },
    of: p => (p.waterClass ? String(p.waterClass) : null),
  },
  noise: {
    label: 'byNoise',
    get classes() { return [{ key: 'yes', label: t('compliant'), colour: '#00b050' }, { key: 'no', label: t('nonCompliant'), colour: '#e00000' }]; },
    of: p => (p.noiseCompliant === true ? 'yes' : p.noiseCompliant === false ? 'no' : null),
  },
  link: {
    label: 'byLink',
    get classes() { return [{ key: 'online', label: t('online'), colour: '#00a854' }, { key: 'offline', label: t('offline'), colour: '#e8590c' }, { key: 'never', label: t('never'), colour: '#868e96' }]; },
    of: p => p.link,
  },
};

export default async function mapView(el) {
  if (!geography) {
    geography = await (await fetch('geo/henan.geojson')).json();
    echarts.registerMap('henan', geography);
  }
  const points = new Map((await api('/api/v1/overview')).map(p => [p.mn, p]));
  const state = { mode: 'aqi', network: '', city: '', link: '' };
  const canvas = h('div', { class: 'map', id: 'map-chart', role: 'img', 'aria-label': t('map') });
  const legend = h('ul', { class: 'legend', id: 'legend', 'aria-label': t('legend') });
  const counts = h('p', { class: 'counts', id: 'map-counts' });
  const list = h('div', { class: 'station-list' });
  const status = h('span', { class: 'live', id: 'live-status' }, t('live'));
  const filters = h('div', { class: 'filters' });
  el.append(h('div', { class: 'map-layout' }, h('div', {}, filters, canvas), h('aside', {}, status, counts, h('h3', {}, t('legend')), legend)), list);
  const { instance, dispose } = chart(canvas);

  const visible = () => [...points.values()].filter(p => (!state.network || p.network === state.network) && (!state.city || p.cityCode === state.city)
    && (!state.link || p.link === state.link));

  function drawFilters() {
    clear(filters);
    const all = [...points.values()];
    const networks = [...new Set(all.map(p => p.network))].sort();
    const cities = [...new Map(all.map(p => [p.cityCode, p.cityName ?? p.cityCode])).entries()].sort();
    filters.append(
      h('label', {}, t('colourBy'), select(Object.entries(modes).map(([k, m]) => [k, t(m.label)]), state.mode, v => { state.mode = v; draw(); }, { id: 'mode' })),
      h('label', {}, t('networkFilter'), select([['', t('all')], ...networks.map(n => [n, t(`net.${n}`)])], state.network, v => { state.network = v; draw(); }, { id: 'network' })),
      h('label', {}, t('city'), select([['', t('all')], ...cities], state.city, v => { state.city = v; draw(); }, { id: 'city' })),
      h('label', {}, t('status'), select([['', t('all')], ['online', t('online')], ['offline', t('offline')], ['never', t('never')]], state.link,
        v => { state.link = v; draw(); }, { id: 'link' })));
  }

  function draw() {
    const mode = modes[state.mode];
    const shown = visible();
    const colour = key => mode.classes.find(c => c.key === key)?.colour ?? '#cccccc';
    instance.setOption({
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: item => {
          const p = item.data?.point;
          if (!p) return item.name;
          const lines = [`<b>${escape(p.name)}</b> ${escape(p.mn)}`, `${escape(p.cityName ?? '')} · ${escape(t(`net.${p.network}`))}`, `${t('status')}: ${t(p.link)}`];
          if (p.aqi !== null) lines.push(`AQI ${p.aqi} ${t(`aqi.${p.level}`)}${p.primary ? ' · ' + escape(p.primary) : ''}`);
          if (p.waterClass) lines.push(t(`water.${p.waterClass}`));
          if (p.noiseCompliant !== null) lines.push(p.noiseCompliant ? t('compliant') : t('nonCompliant'));
          lines.push(`${t('lastData')}: ${time(p.lastData)}`);
          return lines.join('<br>');
        },
      },
      geo: {
        map: 'henan', roam: true, aspectScale: 0.85, label: { show: true, color: '#555', fontSize: 11 },
        itemStyle: { areaColor: '#f4f6f8', borderColor: '#8a9aab' }, emphasis: { itemStyle: { areaColor: '#e3eaf2' }, label: { show: true } },
      },
      series: [{
        type: 'scatter', coordinateSystem: 'geo', symbolSize: 9, large: shown.length > 2000,
        data: shown.map(p => ({ name: p.name, value: [p.lon, p.lat], point: p, itemStyle: { color: colour(mode.of(p)), borderColor: '#333', borderWidth: 0.5 } })),
      }],
    }, { replaceMerge: ['series'] });

    clear(legend);
    const tally = new Map();
    for (const p of shown) tally.set(mode.of(p), (tally.get(mode.of(p)) ?? 0) + 1);
    for (const c of [...mode.classes, { key: null, label: t('noData'), colour: '#cccccc' }]) {
      legend.append(h('li', { 'data-key': c.key ?? 'none' }, h('span', { class: 'swatch', style: `background:${c.colour}` }), `${c.label} `, h('b', {}, tally.get(c.key) ?? 0)));
    }
    const online = shown.filter(p => p.link === 'online').length;
    counts.textContent = `${t('stations')} ${shown.length} · ${t('online')} ${online} · ${t('offline')} ${shown.filter(p => p.link === 'offline').length} · ${t('never')} ${shown.filter(p => p.link === 'never').length}`;

    clear(list);
    list.append(table([
      [t('name'), p => p.name],
      [t('mn'), p => p.mn],
      [t('city'), p => p.cityName],
      [t('networkFilter'), p => t(`net.${p.network}`)],
      [t('status'), p => h('span', { class: `link-${p.link}` }, t(p.link))],
      [t('aqi'), p => (p.aqi === null ? '' : aqiBadge(p.level, `${p.aqi} ${t(`aqi.${p.level}`)}`))],
      [t('lastData'), p => time(p.lastData)],
    ], shown, { onRow: p => { location.hash = `#/station/${encodeURIComponent(p.mn)}`; }, limit: 200, id: 'station-table' }));
  }

  instance.on('click', item => {
    if (item.data?.point) location.hash = `#/station/${encodeURIComponent(item.data.point.mn)}`;
  });

  // Live updates: a snapshot on (re)connect, then the points that changed; drawn at most once a second.
  let pending = false;
  const redraw = () => {
    if (pending) return;
    pending = true;
    setTimeout(() => { pending = false; draw(); }, 1000);
  };
  const live = new EventSource('/api/v1/live');
  live.addEventListener('snapshot', e => {
    points.clear();
    for (const p of JSON.parse(e.data)) points.set(p.mn, p);
    status.textContent = t('live');
    status.className = 'live';
    redraw();
  });
  live.addEventListener('update', e => {
    const changed = JSON.parse(e.data);
    for (const p of changed) points.set(p.mn, p);
    if (changed.length) redraw();
  });
  live.onerror = () => { status.textContent = t('liveLost'); status.className = 'live lost'; };

  drawFilters();
  draw();
  return () => { live.close(); dispose(); };
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
