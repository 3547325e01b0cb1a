import { post } from './api.js';
import { afterSignIn, signedIn } from './app.js';
import { apiError, errorSummary, field, h, page, showErrors } from './ui.js';

export function show() {
  const summary = errorSummary();
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, id: 'sign-in-email' });
  const password = h('input', {
    type: 'password', name: 'password', autocomplete: 'current-password', required: true, id: 'sign-in-password',
  });
  const button = h('button', { type: 'submit', class: 'button', id: 'sign-in-submit' }, 'Sign in');
  const form = h('form', { class: 'form narrow', novalidate: true }, summary,
    field('Email address', email),
    field('Password', password),
    button,
    h('p', { class: 'hint' }, 'No account yet? An admin creates one with ',
      h('code', {}, 'tollgate account create --email you@example.com'), ' and sends you the link it prints.'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors = [];
    if (!email.value.trim()) {
      errors.push({ message: 'Enter your email address', field: email });
    }
    if (!password.value) {
      errors.push({ message: 'Enter your password', field: password });
    }
    showErrors(summary, errors);
    if (errors.length) {
      return;
    }
    button.disabled = true;
    try {
      signedIn(await post('/v1/dashboard/sign-in', { email: email.value.trim(), password: password.value }));
      afterSignIn();
    } catch (e) {
      password.value = '';
      showErrors(summary, [apiError(e, e.status === 429 ? undefined : password)]);
    } finally {
      button.disabled = false;
    }
  });
  page('Sign in', form);
  email.focus();
}
