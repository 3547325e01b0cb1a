import { enc, get, post } from './api.js';
import { account } from './app.js';
import { apiError, copyable, errorSummary, field, h, notice, page, showErrors, table } from './ui.js';

/** The accounts (admins only): create one and hand its owner the one-time link; a reset is a new link. */
export async function show() {
  if (!account() || account().role !== 'admin') {
    page('Accounts', h('p', {}, 'Only an admin manages accounts. ', h('a', { href: '#/applications' }, 'Go to your applications'), '.'));
    return;
  }
  const list = h('div', { id: 'account-list' });
  const link = h('div', { id: 'account-link' });
  page('Accounts', link, createForm(link, list), list);
  await refresh(list, link);
}

async function refresh(list, link) {
  const { accounts } = await get('/v1/accounts');
  list.replaceChildren(table('Accounts', ['Email', 'Role', 'ID', 'Actions'], accounts.map((one) => [
    one.email,
    one.role,
    h('code', {}, one.id),
    h('button', { type: 'button', class: 'button button--secondary', onclick: async () => {
      try {
        const answer = await post('/v1/accounts/' + enc(one.id) + '/password-reset');
        link.replaceChildren(linkOnce(one.email, answer, 'New password link for ' + one.email));
        link.querySelector('input').focus();
      } catch (e) {
        link.replaceChildren(h('p', { class: 'error-text' }, e.message + ' (' + e.code + ')'));
      }
    } }, 'New password link for ' + one.email),
  ]), { id: 'accounts-table' }));
}

function linkOnce(email, answer, title) {
  const url = copyable('One-time link', answer.setPasswordUrl, { name: 'set-password-url' });
  return notice('warning', title,
    h('p', {}, 'Send this link to ', h('strong', {}, email), '. It sets the password once, within ',
      String(Math.round(answer.expiresInSeconds / 3600)), ' hours; a newer link voids it.'),
    url.element);
}

function createForm(link, list) {
  const summary = errorSummary();
  const email = h('input', { type: 'email', id: 'account-email-new', autocomplete: 'off' });
  const role = h('select', { id: 'account-role' },
    h('option', { value: 'developer' }, 'Developer: the applications it creates or is given'),
    h('option', { value: 'admin' }, 'Admin: every application and the accounts'));
  const form = h('form', { class: 'form', novalidate: true, id: 'create-account' },
    h('h2', {}, 'Create an account'), summary,
    field('Email address', email), field('Role', role),
    h('button', { type: 'submit', class: 'button' }, 'Create account'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!email.value.trim()) {
      showErrors(summary, [{ message: 'Enter the email address of the account', field: email }]);
      return;
    }
    try {
      const answer = await post('/v1/accounts', { email: email.value.trim(), role: role.value });
      showErrors(summary, []);
      link.replaceChildren(linkOnce(answer.account.email, answer, 'Account ' + answer.account.email + ' created'));
      email.value = '';
      await refresh(list, link);
      link.querySelector('input').focus();
    } catch (e) {
      showErrors(summary, [apiError(e, email)]);
    }
  });
  return form;
}
