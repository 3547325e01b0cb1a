// The dashboard's router: the hash names the page (#/applications/<id>/studio), the session is asked for once per
// load (GET /v1/dashboard/me), and each page is its own module, loaded when first shown.
import { ApiError, get, post, setCsrfToken } from './api.js';
import { h, page } from './ui.js';

const state = { account: null };

const ROUTES = [
  { pattern: /^\/sign-in$/, open: true, load: () => import('./page-sign-in.js') },
  { pattern: /^\/set-password\/([^/]+)$/, open: true, load: () => import('./page-set-password.js') },
  { pattern: /^\/applications$/, load: () => import('./page-applications.js') },
  { pattern: /^\/accounts$/, load: () => import('./page-accounts.js') },
  { pattern: /^\/applications\/([^/]+)$/, load: () => import('./page-application.js') },
  { pattern: /^\/applications\/([^/]+)\/client-token$/, load: () => import('./page-client-token.js') },
  { pattern: /^\/applications\/([^/]+)\/studio$/, load: () => import('./page-studio.js') },
  { pattern: /^\/applications\/([^/]+)\/debugger$/, load: () => import('./page-debugger.js') },
  { pattern: /^\/applications\/([^/]+)\/channels$/, load: () => import('./page-channels.js') },
  { pattern: /^\/applications\/([^/]+)\/revocations$/, load: () => import('./page-revocations.js') },
  { pattern: /^\/applications\/([^/]+)\/usage$/, load: () => import('./page-usage.js') },
];

/** The current session's account, or null before sign-in. */
export function account() {
  return state.account;
}

/** Remembers a signed-in session (after sign-in) and shows who is signed in. */
export function signedIn(answer) {
  state.account = answer.account;
  setCsrfToken(answer.csrfToken);
  document.getElementById('account-email').textContent =
    answer.account.email + (answer.account.role === 'admin' ? ' (admin)' : '');
  document.getElementById('account').hidden = false;
  document.getElementById('main-nav').hidden = false;
  document.getElementById('nav-accounts').hidden = answer.account.role !== 'admin';
}

function signedOut() {
  state.account = null;
  setCsrfToken(null);
  document.getElementById('account').hidden = true;
  document.getElementById('main-nav').hidden = true;
}

export function navigate(path) {
  if (location.hash === '#' + path) {
    render();
  } else {
    location.hash = '#' + path;
  }
}

async function ensureSession() {
  if (state.account) {
    return true;
  }
  try {
    signedIn(await get('/v1/dashboard/me'));
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      return false;
    }
    throw e;
  }
}

async function render() {
  const path = (location.hash || '#/applications').slice(1) || '/applications';
  const route = ROUTES.find((candidate) => candidate.pattern.test(path));
  if (!route) {
    page('Page not found', h('p', {}, 'No page at ' + path + '. ', h('a', { href: '#/applications' }, 'Go to your applications'), '.'));
    return;
  }
  try {
    if (!route.open && !(await ensureSession())) {
      sessionStorage.setItem('tollgate-after-sign-in', path);
      navigate('/sign-in');
      return;
    }
    const module = await route.load();
    await module.show(...path.match(route.pattern).slice(1).map(decodeURIComponent));
  } catch (e) {
    page('Something went wrong', h('p', { class: 'error-text' }, e.message + (e.code ? ` (${e.code})` : '')));
  }
}

/** Where to go after signing in: the page that asked for it, else the applications. */
export function afterSignIn() {
  const next = sessionStorage.getItem('tollgate-after-sign-in') || '/applications';
  sessionStorage.removeItem('tollgate-after-sign-in');
  navigate(next);
}

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await post('/v1/dashboard/sign-out');
  } finally {
    signedOut();
    navigate('/sign-in');
  }
});

window.addEventListener('hashchange', render);
render();
