import { post } from './api.js';
import { navigate } from './app.js';
import { apiError, errorSummary, field, h, notice, page, showErrors } from './ui.js';

/** The one-time link of `tollgate account create` or a password reset: #/set-password/<token>. */
export function show(token) {
  const summary = errorSummary();
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', id: 'new-password' });
  const again = h('input', { type: 'password', name: 'password-again', autocomplete: 'new-password', id: 'new-password-again' });
  const form = h('form', { class: 'form narrow', novalidate: true }, summary,
    field('New password', password, 'At least 12 characters. A passphrase of a few words is easiest to remember.'),
    field('Confirm the new password', again),
    h('button', { type: 'submit', class: 'button' }, 'Set password'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors = [];
    if (password.value.length < 12) {
      errors.push({ message: 'Enter a password of at least 12 characters', field: password });
    }
    if (password.value !== again.value) {
      errors.push({ message: 'The two passwords are not the same', field: again });
    }
    showErrors(summary, errors);
    if (errors.length) {
      return;
    }
    try {
      await post('/v1/dashboard/set-password', { token, password: password.value });
      page('Password set', notice('success', 'Your password is set'),
        h('p', {}, h('a', { href: '#/sign-in' }, 'Sign in'), ' with your email address and the new password.'));
      history.replaceState(null, '', '#/set-password/used');
    } catch (e) {
      showErrors(summary, [apiError(e, password)]);
    }
  });
  if (token === 'used') {
    navigate('/sign-in');
    return;
  }
  page('Set your password', form);
  password.focus();
}
