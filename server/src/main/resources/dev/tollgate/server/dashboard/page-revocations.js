import { del, enc, get, post, withQuery } from './api.js';
import { applicationHeader } from './application-nav.js';
import { apiError, emptyState, errorSummary, field, h, page, showErrors, table } from './ui.js';

// What each kind of the form revokes, and what its value is (docs/security.md "Revocation"); a token is revoked from
// the debugger, where it is pasted anyway.
const KINDS = [
  ['tag', 'Tag', 'Every token that requires or applies the tag, e.g. vip.'],
  ['channel', 'Channel', 'Every token designating the channel, by its ID or alias.'],
  ['room', 'Room', 'Every token designating the room, by its ID or alias.'],
  ['session', 'Session', 'Every token bound to the session ID, and the streams opened with one.'],
  ['subject', 'Subject', 'Every client access token of the external ID, e.g. alice@example.com.'],
  ['issued-before', 'Everything issued before now', 'Every API token and client access token issued before now.'],
];

/** The application's active revocation entries (GET /v1/revocations), revoking and withdrawing them. */
export async function show(id) {
  const { element } = await applicationHeader(id, '/revocations');
  const list = h('div', { id: 'revocation-list', 'aria-live': 'polite' });
  // A withdrawal's errors show above the table, as the form's show above the form.
  const listErrors = errorSummary();
  page('Revocations', element,
    h('p', {}, 'While an entry holds, every decision it matches is refused revoked. A single token is revoked from the ',
      h('a', { href: '#/applications/' + enc(id) + '/debugger' }, 'debugger'), '.'),
    revokeForm(id, list, listErrors), listErrors, list);
  await refresh(id, list, listErrors);
}

async function refresh(id, list, listErrors) {
  const answer = await get(withQuery('/v1/revocations', { applicationId: id }));
  if (!answer.revocations.length) {
    list.replaceChildren(emptyState('Nothing is revoked',
      'Revoke a tag, a channel, a session or a subject above, or revoke one token from the debugger.'));
    return;
  }
  list.replaceChildren(table('Active revocations', ['Kind', 'Match', 'Ends', 'Created', 'ID', 'Actions'],
    answer.revocations.map((entry) => [
      entry.kind,
      match(entry),
      new Date(entry.endsAt).toLocaleString(),
      new Date(entry.createdAt).toLocaleString(),
      h('code', {}, entry.id),
      h('button', { type: 'button', class: 'button button--warning', id: 'withdraw-' + entry.id,
        'aria-label': 'Withdraw ' + entry.id, onclick: async () => {
        if (!confirm(`Withdraw the revocation ${entry.id}? What it matches is accepted again.`)) {
          return;
        }
        try {
          await del(withQuery('/v1/revocations/' + enc(entry.id), { applicationId: id }));
          showErrors(listErrors, []);
        } catch (e) {
          showErrors(listErrors, [apiError(e)]);
        }
        await refresh(id, list, listErrors);
      } }, 'Withdraw'),
    ]), { id: 'revocations-table' }));
}

function match(entry) {
  if (entry.kind === 'token') {
    // The entry keeps the grant digest or jti:…, never the token.
    return h('code', {}, entry.value);
  }
  return entry.alias ? h('span', {}, entry.alias, ' (', h('code', {}, entry.value), ')') : h('code', {}, entry.value);
}

function revokeForm(id, list, listErrors) {
  const summary = errorSummary();
  const kind = h('select', { id: 'revoke-kind' }, KINDS.map(([value, label]) => h('option', { value }, label)));
  const value = h('input', { type: 'text', id: 'revoke-value', autocomplete: 'off' });
  const hint = h('p', { class: 'hint', id: 'revoke-kind-hint' });
  kind.setAttribute('aria-describedby', hint.id);
  const valueField = field('Value', value, 'The tag, the channel\'s or room\'s ID or alias, the session ID or the external ID.');
  const describe = () => {
    hint.textContent = KINDS.find(([k]) => k === kind.value)[2];
    valueField.hidden = kind.value === 'issued-before';
  };
  kind.addEventListener('change', describe);
  const form = h('form', { class: 'form', novalidate: true, id: 'revoke-form' },
    h('h2', {}, 'Revoke'), summary,
    field('What to revoke', kind), hint, valueField,
    h('button', { type: 'submit', class: 'button button--warning' }, 'Revoke'));
  describe();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { kind: kind.value };
    if (kind.value !== 'issued-before') {
      if (!value.value.trim()) {
        showErrors(summary, [{ message: 'Enter what to revoke', field: value }]);
        return;
      }
      body.value = value.value.trim();
    }
    if (!confirm('Revoke ' + (body.value ? `the ${kind.value} ${body.value}` : 'every token issued before now')
      + '? Every decision it matches is refused until the entry ends or is withdrawn.')) {
      return;
    }
    try {
      await post(withQuery('/v1/revocations', { applicationId: id }), body);
      showErrors(summary, []);
      value.value = '';
      await refresh(id, list, listErrors);
    } catch (e) {
      showErrors(summary, [apiError(e, kind.value === 'issued-before' ? kind : value)]);
    }
  });
  return form;
}
