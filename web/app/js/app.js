// The dashboard shell: session, navigation, language, and the views behind the hash routes.
import { t, toggleLanguage } from './i18n.js';
import { session, signIn, signOut, changePassword, h, clear, ApiError } from './core.js';
import mapView from './map.js';
import rankingsView from './rankings.js';
import stationView from './station.js';
import networkView from './network.js';
import reviewView from './review.js';
import casesView from './cases.js';
import { waterView, noiseView } from './sections.js';

const routes = [
  { path: 'map', view: mapView, nav: 'map' },
  { path: 'rankings', view: rankingsView, nav: 'rankings' },
  { path: 'network', view: networkView, nav: 'network' },
  { path: 'review', view: reviewView, nav: 'review', roles: ['province-admin', 'province-reviewer', 'city-reviewer', 'operator'] },
  { path: 'cases', view: casesView, nav: 'cases', roles: ['province-admin', 'province-reviewer', 'city-reviewer', 'inspector'] },
  { path: 'water', view: waterView, nav: 'water' },
  { path: 'noise', view: noiseView, nav: 'noise' },
  { path: 'station', view: stationView },
];

const view = document.getElementById('view');
let cleanup = null;

function routeOf(hash) {
  const [path, ...rest] = hash.replace(/^#\/?/, '').split('/');
  return { route: routes.find(r => r.path === path) ?? routes[0], params: rest.map(decodeURIComponent) };
}

function renderNav() {
  const nav = document.getElementById('nav');
  clear(nav);
  const current = routeOf(location.hash).route;
  for (const r of routes.filter(r => r.nav && (!r.roles || r.roles.includes(session.user?.role)))) {
    nav.append(h('a', { href: `#/${r.path}`, class: r === current ? 'active' : '', 'data-nav': r.path }, t(r.nav)));
  }
  document.getElementById('who').textContent = session.user ? `${session.user.name} · ${session.user.role}${session.user.city ? ' · ' + session.user.city : ''}` : '';
  document.getElementById('logout').hidden = !session.user;
  document.getElementById('password').hidden = !session.user;
  document.getElementById('lang').textContent = t('brand') === '生态环境监测' ? 'English' : '中文';
  document.title = `Envmon ${t('brand')}`;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}

async function render() {
  if (cleanup) { cleanup(); cleanup = null; }
  renderNav();
  clear(view);
  if (!session.user) { renderSignIn(); return; }
  const { route, params } = routeOf(location.hash);
  // The view is drawn in place: charts measure their element, so it must be in the page already.
  const el = h('section', { class: `view view-${route.path}` });
  view.append(el);
  try {
    cleanup = await route.view(el, params) ?? null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { session.user = null; render(); return; }
    clear(view);
    view.append(h('p', { class: 'error', role: 'alert' }, `${t('error')}: ${e.message}`));
  }
}

function renderSignIn() {
  const message = h('p', { class: 'error', role: 'alert' });
  const name = h('input', { name: 'name', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'signin', id: 'signin' },
    h('h1', {}, t('signInTitle')),
    h('label', {}, t('user'), name),
    h('label', {}, t('password'), password),
    h('button', { type: 'submit' }, t('signIn')),
    message);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await signIn(name.value, password.value);
      render();
    } catch (err) {
      message.textContent = err.code === 'locked-out' ? t('lockedOut') : err.code === 'bad-credentials' ? t('badCredentials') : err.message;
    }
  });
  view.append(form);
  name.focus();
}

function passwordDialog() {
  const current = h('input', { type: 'password', autocomplete: 'current-password' });
  const replacement = h('input', { type: 'password', autocomplete: 'new-password', minlength: 8 });
  const message = h('p', { role: 'status' });
  const dialog = h('dialog', {},
    h('form', { method: 'dialog' },
      h('h2', {}, t('changePassword')),
      h('label', {}, t('currentPassword'), current),
      h('label', {}, t('newPassword'), replacement),
      message,
      h('button', { value: 'save' }, t('save')), ' ', h('button', { value: 'cancel', formnovalidate: true }, t('cancel'))));
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue === 'save') {
      try {
        await changePassword(current.value, replacement.value);
        session.user = null;
        render();
      } catch (e) {
        alert(e.message);
      }
    }
    dialog.remove();
  });
  document.body.append(dialog);
  dialog.showModal();
}

document.getElementById('lang').addEventListener('click', () => { toggleLanguage(); render(); });
document.getElementById('logout').addEventListener('click', async () => { await signOut(); render(); });
document.getElementById('password').addEventListener('click', passwordDialog);
window.addEventListener('hashchange', render);
await session.load();
render();
