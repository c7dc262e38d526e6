// Network status: online now, the networking rate with the stations not connected named, transmission and
// timeliness by city for the last 24 hours, and the newest gap recalls (补数).
import { t } from './i18n.js';
import { api, h, table, time, percent, csvLink } from './core.js';

export default async function networkView(el) {
  const to = new Date();
  const from = new Date(to.getTime() - 24 * 3600_000);
  const range = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
  const [networking, byCity, recalls] = await Promise.all([
    api(`/api/v1/stats/networking?${range}`),
    api(`/api/v1/stats?${range}&by=city`),
    api('/api/v1/recalls?limit=100'),
  ]);
  const tile = (label, ratio, id) => h('div', { class: 'tile', id }, h('span', {}, label), h('b', {}, percent(ratio)), h('small', {}, `${ratio.numerator} / ${ratio.denominator}`));
  el.append(
    h('h1', {}, t('network'), ' ', h('small', {}, t('last24h'))),
    h('div', { class: 'tiles' }, tile(t('networking'), networking.networking, 'networking'), tile(t('onlineNow'), networking.onlineNow, 'online-now'),
      tile(t('onlineHours'), networking.onlineHours, 'online-hours')),
    h('h2', {}, `${t('unlinked')} (${networking.unlinked.length})`),
    table([
      [t('name'), s => s.name], [t('mn'), s => s.mn], [t('city'), s => s.cityName ?? s.city], [t('networkFilter'), s => t(`net.${s.network}`)],
      [t('status'), s => s.status], [t('lastData'), s => time(s.lastData)],
    ], networking.unlinked, { onRow: s => { location.hash = `#/station/${encodeURIComponent(s.mn)}`; }, id: 'unlinked' }),
    h('h2', {}, `${t('transmission')} · ${t('timeliness')} · ${t('capture')} · ${t('validity')} `, csvLink(`/api/v1/stats?${range}&by=city`)),
    table([
      [t('city'), r => r.name], [t('stations'), r => r.stations, 'num'], [t('transmission'), r => percent(r.transmission), 'num'],
      [t('timeliness'), r => percent(r.timeliness), 'num'], [t('capture'), r => percent(r.capture), 'num'], [t('validity'), r => percent(r.validity), 'num'],
      ['P95 (min)', r => r.latencyP95Minutes ?? '—', 'num'],
    ], byCity, { id: 'by-city' }),
    h('h2', {}, t('recalls'), ' ', csvLink('/api/v1/recalls')),
    table([
      [t('requested'), r => time(r.requested)], [t('station'), r => r.station], [t('kind'), r => r.kind], [t('begin'), r => time(r.begin)],
      [t('end'), r => time(r.end)], [t('reason'), r => r.reason], [t('outcome'), r => r.outcome], [t('missing'), r => r.missing, 'num'],
    ], recalls, { id: 'recalls' }));
}
