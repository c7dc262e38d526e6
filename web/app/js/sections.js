// Water sections with their class and the items over the limit; noise zones with day and night compliance.
import { t } from './i18n.js';
import { api, h, table, time, csvLink, waterColours } from './core.js';

const open = row => { location.hash = `#/station/${encodeURIComponent(row.mn)}`; };

export async function waterView(el) {
  const sections = await api('/api/v1/water/sections');
  el.append(h('h1', {}, t('water'), ' ', csvLink('/api/v1/water/sections')),
    table([
      [t('section'), w => w.name], [t('mn'), w => w.mn], [t('lastData'), w => time(w.time)],
      [t('waterClass'), w => (w.class ? h('span', { class: 'badge', style: `background:${waterColours[w.class]}` }, t(`water.${w.class}`)) : t('noData'))],
      [t('meetsTarget'), w => (w.meetsTarget ? t('yes') : t('no'))], [t('deciding'), w => w.deciding.join(', ')],
      [t('exceeding'), w => Object.entries(w.exceeding).map(([k, v]) => `${k} ${v ?? ''}`).join(', ')],
    ], sections, { onRow: open, id: 'water-table' }));
}

export async function noiseView(el) {
  const zones = await api('/api/v1/noise/zones');
  const verdict = ok => (ok === null ? '—' : h('span', { class: ok ? 'ok' : 'bad' }, ok ? t('compliant') : t('nonCompliant')));
  el.append(h('h1', {}, t('noise'), ' ', csvLink('/api/v1/noise/zones')),
    table([
      [t('station'), n => n.name], [t('mn'), n => n.mn], [t('date'), n => n.date], [t('zone'), n => n.zone],
      [`${t('day')} Ld`, n => n.ld ?? '—', 'num'], [`${t('day')} ${t('limit')}`, n => n.limitDay, 'num'], [t('day'), n => verdict(n.dayCompliant)],
      [`${t('night')} Ln`, n => n.ln ?? '—', 'num'], [`${t('night')} ${t('limit')}`, n => n.limitNight, 'num'], [t('night'), n => verdict(n.nightCompliant)],
    ], zones, { onRow: open, id: 'noise-table' }));
}
