import { enc, post, withQuery } from './api.js';
import { applicationHeader } from './application-nav.js';
import { apiError, errorSummary, field, h, page, showErrors } from './ui.js';

const TARGETS = [
  ['', 'No target'],
  ['channelId', 'Channel ID'],
  ['channelAlias', 'Channel alias'],
  ['roomId', 'Room ID'],
  ['roomAlias', 'Room alias'],
];
const OUTCOME_LABEL = { pass: 'Passed', fail: 'Failed', skip: 'Skipped', info: 'Note' };

/** The debugger, read like jwt.io: the token on the left; decoded, verified and the decision trace on the right. */
export async function show(id) {
  const header = await applicationHeader(id, '/debugger');
  const summary = errorSummary();
  const token = h('textarea', { id: 'debug-token', rows: 10, class: 'mono', spellcheck: 'false' });
  token.value = sessionStorage.getItem('tollgate-debug-token') || '';
  sessionStorage.removeItem('tollgate-debug-token');
  const simulate = h('input', { type: 'checkbox', id: 'debug-simulate' });
  const action = h('select', { id: 'debug-action' },
    ['subscribe', 'publish', 'authenticate'].map((value) => h('option', { value }, value)));
  const targetKind = h('select', { id: 'debug-target-kind' }, TARGETS.map(([value, label]) => h('option', { value }, label)));
  const target = h('input', { type: 'text', id: 'debug-target', autocomplete: 'off' });
  const address = h('input', { type: 'text', id: 'debug-address', autocomplete: 'off' });
  const sessionId = h('input', { type: 'text', id: 'debug-session', autocomplete: 'off' });
  const country = h('input', { type: 'text', id: 'debug-country', autocomplete: 'off', maxlength: 2, class: 'short' });
  const output = h('div', { id: 'debug-output', 'aria-live': 'polite' });
  const form = h('form', { class: 'form', novalidate: true, id: 'debug-form' }, summary,
    field('Token', token, 'A DIGEST token, a tgr_ reference, an API token or a client access token.'),
    h('fieldset', {}, h('legend', {}, 'Simulate an access'),
      h('div', { class: 'checkbox' }, simulate, h('label', { for: simulate.id }, 'Simulate the edge\'s decision')),
      field('Action', action),
      field('Target', targetKind),
      field('Channel or room', target, 'Its ID or alias, as chosen above.'),
      field('Client address', address, 'The viewer\'s or publisher\'s IP address: the location database looks it up.'),
      field('Country (optional)', country,
        'Pretend the client is in this country (ISO code, or ?? for an unmapped address) instead of looking its address up.'),
      field('Session ID', sessionId)),
    h('button', { type: 'submit', class: 'button', id: 'debug-submit' }, 'Debug token'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!token.value.trim()) {
      showErrors(summary, [{ message: 'Paste a token to debug', field: token }]);
      return;
    }
    showErrors(summary, []);
    const body = { token: token.value.trim() };
    if (simulate.checked) {
      body.simulate = { action: action.value };
      if (targetKind.value && target.value.trim()) {
        body.simulate[targetKind.value] = target.value.trim();
      }
      if (address.value.trim()) {
        body.simulate.remoteAddress = address.value.trim();
      }
      if (sessionId.value.trim()) {
        body.simulate.sessionId = sessionId.value.trim();
      }
      if (country.value.trim()) {
        body.simulate.country = country.value.trim();
      }
    }
    try {
      const answer = await post(withQuery('/v1/dashboard/debug', { applicationId: id }), body);
      render(output, answer, id);
      if (answer.signature.verified && answer.signature.forApplication !== false) {
        output.append(revokeButton(id, body.token, summary, token, () => form.requestSubmit()));
      }
    } catch (e) {
      showErrors(summary, [apiError(e, token)]);
    }
  });
  page('Token debugger', header.element,
    h('div', { class: 'debugger-layout' }, h('div', { class: 'debugger-encoded' }, form),
      h('div', { class: 'debugger-decoded' }, h('h2', {}, 'Decoded'), output)));
  if (token.value) {
    form.requestSubmit();
  }
}

/** Revokes the debugged token (a `token` entry, which ends at the token's expiry), then debugs it again. */
function revokeButton(id, debugged, summary, tokenField, debugAgain) {
  return h('p', { class: 'button-group' },
    h('button', { type: 'button', class: 'button button--warning', id: 'debug-revoke', onclick: async () => {
      if (!confirm('Revoke this token? Every decision about it is refused revoked until it expires, '
        + 'unless the entry is withdrawn on the Revocations page.')) {
        return;
      }
      try {
        await post(withQuery('/v1/revocations', { applicationId: id }), { kind: 'token', token: debugged });
        showErrors(summary, []);
        debugAgain();
      } catch (e) {
        showErrors(summary, [apiError(e, tokenField)]);
      }
    } }, 'Revoke this token'),
    h('a', { href: '#/applications/' + enc(id) + '/revocations' }, 'Revocations of this application'));
}

const KIND_LABEL = {
  digest: 'EdgeAuth DIGEST token', 'token-ref': 'Token reference (tgr_)', 'api-token': 'API token (JWT)',
  'client-access-token': 'Client access token (JWT)', jwt: 'JWT', unknown: 'Not a token Tollgate issues',
};

function render(output, answer, id) {
  const signature = answer.signature;
  const verdict = signature.verified
    ? (signature.forApplication === false ? 'Signature verified, but for another application' : 'Signature verified')
    : 'Signature not verified';
  const parts = [
    h('p', { id: 'debug-kind' }, h('strong', {}, 'Kind: '), KIND_LABEL[answer.kind] || answer.kind),
    h('p', { id: 'debug-signature', class: signature.verified ? 'verdict verdict--ok' : 'verdict verdict--bad' },
      h('strong', {}, (signature.verified ? '✓ ' : '✗ ') + verdict), ' — code ', h('code', {}, signature.code),
      signature.detail ? ' (' + signature.detail + ')' : ''),
  ];
  if (signature.applicationId) {
    parts.push(h('p', {}, 'Application: ', h('code', {}, signature.applicationId),
      signature.forApplication ? ' (this application)' : ' (not this application)'));
  }
  if (answer.header) {
    parts.push(h('h3', {}, 'Header'), h('pre', { class: 'json' }, JSON.stringify(answer.header, null, 2)));
  }
  if (answer.envelope) {
    parts.push(h('h3', {}, 'Envelope'), h('pre', { class: 'json' }, JSON.stringify(answer.envelope, null, 2)));
  }
  if (answer.claims) {
    parts.push(h('h3', {}, 'Claims'), h('pre', { class: 'json', id: 'debug-claims' }, JSON.stringify(answer.claims, null, 2)));
    if (answer.claims.expires) {
      parts.push(h('p', {}, 'Expires: ', new Date(answer.claims.expires).toLocaleString()));
    } else if (answer.claims.exp) {
      parts.push(h('p', {}, 'Expires: ', new Date(answer.claims.exp * 1000).toLocaleString()));
    }
  }
  if (answer.simulation) {
    parts.push(decision(answer.simulation));
  } else if (answer.simulationNote) {
    parts.push(h('p', { class: 'hint' }, answer.simulationNote));
  } else if (answer.verification) {
    parts.push(h('p', { class: 'hint' }, 'Check "Simulate the edge\'s decision" to see the trace for an access.'));
  }
  output.replaceChildren(...parts);
}

function decision(simulation) {
  const allowed = simulation.decision === 'allowed';
  return h('section', { id: 'debug-decision', 'aria-labelledby': 'decision-title' },
    h('h3', { id: 'decision-title' }, 'Decision: ', h('span', { id: 'debug-decision-code' },
      (allowed ? '✓ allowed' : '✗ denied — ' + simulation.code))),
    h('ol', { class: 'trace', id: 'debug-trace' }, simulation.trace.map((check) =>
      h('li', { class: 'trace__check trace__check--' + check.outcome },
        h('strong', {}, OUTCOME_LABEL[check.outcome] || check.outcome), ' ', h('code', {}, check.check), ': ', check.detail))),
    simulation.location
      ? h('p', { id: 'debug-location' }, 'Location: ', simulation.location.country,
        simulation.location.postalCode ? ' ' + simulation.location.postalCode : '',
        ' — answered by ', simulation.location.database)
      : h('p', { class: 'hint' }, 'No location was looked up (no client address, or no location constraint).'));
}
