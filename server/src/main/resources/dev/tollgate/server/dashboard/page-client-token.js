import { enc, post } from './api.js';
import { applicationHeader } from './application-nav.js';
import { apiError, checkbox, copyable, duration, errorSummary, field, h, page, showErrors } from './ui.js';

const SESSION_SCOPES = [
  ['conf:create', 'Create and join conferences'],
  ['notifications:set', 'Send notifications'],
  ['session:update', 'Update the session'],
];

let countdown = null;

/** The seed's "client access token section": copy a token that expires after 12 hours. */
export async function show(id) {
  const { application, element } = await applicationHeader(id, '/client-token');
  const summary = errorSummary();
  const scopes = SESSION_SCOPES.map(([scope, label]) => ({ scope, ...checkbox(label + ' — ' + scope, { value: scope }) }));
  const externalId = h('input', { type: 'text', id: 'external-id', autocomplete: 'off' });
  const result = h('div', { id: 'client-token-result' });
  const button = h('button', { type: 'submit', class: 'button', id: 'client-token-copy' }, 'Copy a client access token');
  const form = h('form', { class: 'form', novalidate: true }, summary,
    h('fieldset', {}, h('legend', {}, 'Session scope'),
      h('p', { class: 'hint' }, 'None checked: the token opens a session with every scope.'), scopes.map((s) => s.element)),
    field('External ID (optional)', externalId,
      'The participant\'s identity in your system, at most 1,024 bytes. It wins over what the client sends.'),
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showErrors(summary, []);
    const body = {};
    const chosen = scopes.filter((s) => s.input.checked).map((s) => s.scope);
    if (chosen.length) {
      body.sessionScope = chosen.join(' ');
    }
    if (externalId.value.trim()) {
      body.externalId = externalId.value.trim();
    }
    try {
      const answer = await post('/v1/admin/applications/' + enc(id) + '/client-access-token', body);
      showToken(result, answer);
    } catch (e) {
      showErrors(summary, [apiError(e, externalId)]);
    }
  });
  page('Client access token', element,
    h('p', {}, 'For a client app without a backend of its own: a token for ', h('strong', {}, application.name),
      ' that the client passes to ', h('code', {}, 'initializeToken'), '. It expires after 12 hours.'),
    form, result);
}

function showToken(result, answer) {
  const token = copyable('Client access token', answer.access_token, { multiline: true, name: 'client-access-token' });
  const expiresAt = Date.now() + answer.expires_in * 1000;
  const remaining = h('span', { id: 'client-token-expiry' });
  const expiry = h('p', {}, 'Expires at ', h('time', { datetime: new Date(expiresAt).toISOString() },
    new Date(expiresAt).toLocaleString()), ', in ', remaining, '.');
  result.replaceChildren(h('h2', {}, 'Your token'), token.element, expiry);
  clearInterval(countdown);
  const tick = () => {
    if (!document.body.contains(remaining)) {
      clearInterval(countdown);
      return;
    }
    remaining.textContent = duration((expiresAt - Date.now()) / 1000);
  };
  tick();
  countdown = setInterval(tick, 1000);
  token.button.click();
  token.button.focus();
}
