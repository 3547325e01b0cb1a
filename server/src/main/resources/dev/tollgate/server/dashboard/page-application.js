import { del, enc, get, post } from './api.js';
import { account, navigate } from './app.js';
import { applicationHeader } from './application-nav.js';
import { secretOnce } from './page-applications.js';
import { apiError, errorSummary, field, h, page, showErrors } from './ui.js';

export async function show(id) {
  const { application, element } = await applicationHeader(id, '');
  const summary = errorSummary();
  const shown = h('div', { id: 'secret-panel' });
  const details = h('dl', { class: 'summary-list' },
    row('Name', application.name),
    row('Application ID', h('code', {}, application.applicationId)),
    row('Scopes', application.scopes.length ? application.scopes.join(', ') : 'none'),
    row('Active secrets', String(application.activeSecrets)),
    row('Created', new Date(application.createdAt).toLocaleString()));

  const rotate = h('button', { type: 'button', class: 'button button--secondary', id: 'rotate-secret' }, 'Rotate the secret');
  rotate.addEventListener('click', async () => {
    try {
      const answer = await post('/v1/admin/applications/' + enc(id) + '/rotate-secret');
      shown.replaceChildren(secretOnce({ ...answer, name: application.name }, 'New secret created'));
      details.replaceWith(await refreshed(id));
    } catch (e) {
      showErrors(summary, [apiError(e)]);
    }
  });
  const retire = h('button', { type: 'button', class: 'button button--secondary', id: 'retire-secret' }, 'Retire the older secrets');
  retire.addEventListener('click', async () => {
    if (!confirm('Retire every secret but the newest? Backends and tokens still using an older secret stop working.')) {
      return;
    }
    try {
      const answer = await post('/v1/admin/applications/' + enc(id) + '/retire-secret');
      shown.replaceChildren(h('p', { role: 'status' }, `Retired ${answer.retired} secret(s); ${answer.activeSecrets} active.`));
    } catch (e) {
      showErrors(summary, [apiError(e)]);
    }
  });

  page(application.name, element, summary, shown, details,
    h('section', {}, h('h2', {}, 'Secrets'),
      h('p', {}, 'Rotate to get a new secret: it signs from now on, and the older ones keep working until you retire them. ',
        'Retire once every backend uses the new one.'),
      h('div', { class: 'button-group' }, rotate, retire)),
    h('section', {}, h('h2', {}, 'Scopes'),
      h('p', {}, 'The scopes an API token of this application may hold are chosen when it is created: ',
        application.scopes.join(', ') || 'none', '. To change them, create a new application.')),
    await membersSection(application),
    deleteSection(application));
}

/** Who may administer the application: its creator and the accounts it was given to; an admin gives it. */
async function membersSection(application) {
  const section = h('section', { id: 'members' }, h('h2', {}, 'People'));
  const path = '/v1/admin/applications/' + enc(application.applicationId) + '/members';
  const render = (members) => section.replaceChildren(...[h('h2', {}, 'People'),
    h('p', {}, 'Besides the admins, these accounts may administer ', application.name, ':'),
    members.length ? h('ul', { id: 'members-list' }, members.map((m) => h('li', {}, m.email + ' (' + m.role + ')')))
      : h('p', { class: 'hint' }, 'None yet: only admins reach it.'),
    account() && account().role === 'admin' ? form : null].filter(Boolean));
  const summary = errorSummary();
  const choice = h('select', { id: 'member-account' });
  const form = h('form', { class: 'form inline-form', novalidate: true, id: 'add-member' }, summary,
    field('Give it to', choice), h('button', { type: 'submit', class: 'button button--secondary' }, 'Give access'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      render((await post(path, { accountId: choice.value })).members);
    } catch (e) {
      showErrors(summary, [apiError(e, choice)]);
    }
  });
  if (account() && account().role === 'admin') {
    const { accounts } = await get('/v1/accounts');
    choice.replaceChildren(...accounts.filter((a) => a.role === 'developer')
      .map((a) => h('option', { value: a.id }, a.email)));
    if (!choice.options.length) {
      form.replaceChildren(h('p', { class: 'hint' }, 'No developer accounts yet: ',
        h('a', { href: '#/accounts' }, 'create one'), ' to give it this application.'));
    }
  }
  render((await get(path)).members);
  return section;
}

async function refreshed(id) {
  return h('p', { role: 'status' }, 'Secrets updated.');
}

function row(key, value) {
  return h('div', { class: 'summary-list__row' }, h('dt', {}, key), h('dd', {}, value));
}

/** Delete, after a confirmation that names what stops working and asks for the application's name. */
function deleteSection(application) {
  const summary = errorSummary();
  const confirmName = h('input', { type: 'text', id: 'confirm-delete-name', autocomplete: 'off' });
  const form = h('form', { class: 'form danger-zone', novalidate: true, id: 'delete-application' },
    h('h2', {}, 'Delete this application'), summary,
    h('p', {}, 'Deleting ', h('strong', {}, application.name), ' cannot be undone. What stops working at once:'),
    h('ul', {},
      h('li', {}, 'its secrets: backends can no longer get API tokens for it;'),
      h('li', {}, 'every API token and client access token issued to it, and the sessions they opened;'),
      h('li', {}, 'every EdgeAuth (DIGEST) token signed with its secrets, and their tgr_ references: viewers and publishers are refused;'),
      h('li', {}, 'its channels and rooms, with their streams.')),
    field('Type the application\'s name to confirm', confirmName, 'The name is: ' + application.name),
    h('button', { type: 'submit', class: 'button button--warning' }, 'Delete application'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (confirmName.value !== application.name) {
      showErrors(summary, [{ message: 'Type the name ' + application.name + ' exactly to delete it', field: confirmName }]);
      return;
    }
    try {
      await del('/v1/admin/applications/' + enc(application.applicationId));
      navigate('/applications');
    } catch (e) {
      showErrors(summary, [apiError(e, confirmName)]);
    }
  });
  return form;
}
