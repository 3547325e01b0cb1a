import { get, post } from './api.js';
import { account } from './app.js';
import { apiError, checkbox, copyable, emptyState, errorSummary, field, h, notice, page, showErrors, table } from './ui.js';

const SCOPES = [
  ['comms:client_access_token:create', 'Create client access tokens (POST /v2/client-access-token)'],
  ['edge:token:create', 'Mint EdgeAuth tokens (POST /v1/edge-tokens)'],
  ['channels:manage', 'Manage channels and rooms'],
];

export async function show() {
  const list = h('div', { id: 'application-list' });
  const created = h('div', { id: 'created-application' });
  page('Applications', created, list, createForm(created, list));
  await refresh(list);
}

async function refresh(list) {
  const { applications } = await get('/v1/admin/applications');
  if (!applications.length) {
    list.replaceChildren(emptyState('No applications yet',
      'Create one below: it gets an ID and a secret that your backend uses to mint tokens. ',
      account() && account().role === 'developer' ? 'An admin can also give you an existing one.' : ''));
    return;
  }
  list.replaceChildren(table('Your applications', ['Name', 'Application ID', 'Scopes', 'Active secrets', 'Created'],
    applications.map((app) => [
      h('a', { href: '#/applications/' + encodeURIComponent(app.applicationId) }, app.name),
      h('code', {}, app.applicationId),
      app.scopes.join(', '),
      String(app.activeSecrets),
      new Date(app.createdAt).toLocaleString(),
    ]), { id: 'applications-table' }));
}

function createForm(created, list) {
  const summary = errorSummary();
  const name = h('input', { type: 'text', name: 'name', id: 'application-name', autocomplete: 'off' });
  const scopes = SCOPES.map(([scope, label]) => ({ scope, ...checkbox(label + ' — ' + scope, { checked: true, value: scope }) }));
  const form = h('form', { class: 'form', novalidate: true, id: 'create-application' },
    h('h2', {}, 'Create an application'), summary,
    field('Name', name, 'For you and your team, e.g. "news-site production".'),
    h('fieldset', {}, h('legend', {}, 'Scopes its API tokens may hold'), scopes.map((s) => s.element)),
    h('button', { type: 'submit', class: 'button' }, 'Create application'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!name.value.trim()) {
      showErrors(summary, [{ message: 'Enter a name for the application', field: name }]);
      return;
    }
    const chosen = scopes.filter((s) => s.input.checked).map((s) => s.scope);
    if (!chosen.length) {
      showErrors(summary, [{ message: 'Choose at least one scope', field: scopes[0].input }]);
      return;
    }
    showErrors(summary, []);
    try {
      const app = await post('/v1/admin/applications', { name: name.value.trim(), scopes: chosen });
      name.value = '';
      created.replaceChildren(secretOnce(app, 'Application ' + app.name + ' created'));
      await refresh(list);
      created.querySelector('input').focus();
    } catch (e) {
      showErrors(summary, [apiError(e, name)]);
    }
  });
  return form;
}

/** The secret, shown this once: it is kept in no storage, so a reload shows it no more. */
export function secretOnce(app, title) {
  const id = copyable('Application ID', app.applicationId, { name: 'application-id' });
  const secret = copyable('Secret', app.secret, { name: 'application-secret' });
  return notice('warning', title,
    h('p', {}, 'Copy the secret now and keep it in your backend\'s secret store. ',
      h('strong', {}, 'It is shown only this once'), ': Tollgate keeps only a sealed copy and cannot show it again.'),
    id.element, secret.element,
    h('p', {}, h('a', { href: '#/applications/' + encodeURIComponent(app.applicationId) }, 'Open ' + (app.name || 'the application'))));
}
