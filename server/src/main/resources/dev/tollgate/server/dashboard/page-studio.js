import { enc, post, withQuery } from './api.js';
import { applicationHeader } from './application-nav.js';
import { apiError, copyable, errorSummary, field, h, page, showErrors, uid } from './ui.js';

const TYPES = [
  ['edge', 'Edge token: authenticate and subscribe'],
  ['authenticationOnly', 'Authentication only'],
  ['streamingOnly', 'Streaming (subscribe) only'],
  ['publishingOnly', 'Publishing only'],
];
const DESIGNATIONS = [
  ['', 'None'],
  ['channel', 'Channel ID'],
  ['channelAlias', 'Channel alias'],
  ['room', 'Room ID'],
  ['roomAlias', 'Room alias'],
  ['tag', 'Tag'],
];
/** The `tollgate token create` flag of each option (docs/cli.md). */
const CLI_FLAGS = {
  channel: '--channel', channelAlias: '--channelAlias', room: '--room', roomAlias: '--roomAlias', tag: '--tag',
  remoteAddress: '--remoteAddress', sessionId: '--sessionId', originStreamId: '--originStreamId',
  authenticationOnly: '--authenticationOnly', streamingOnly: '--streamingOnly', publishingOnly: '--publishingOnly',
  allowCountries: '--geoCountryAllow', denyCountries: '--geoCountryDeny',
  allowPostalCodes: '--geoPostalAllow', denyPostalCodes: '--geoPostalDeny',
};

/** The token studio: EdgeAuth's vocabulary, linted as it changes, minted through the API. */
export async function show(id) {
  const { application, element } = await applicationHeader(id, '/studio');
  const summary = errorSummary();
  const controls = {};
  const type = h('fieldset', { id: 'studio-type' }, h('legend', {}, 'Type'),
    TYPES.map(([value, label], index) => {
      const input = h('input', { type: 'radio', name: 'type', value, id: 'type-' + value, checked: index === 0 });
      return h('div', { class: 'radio' }, input, h('label', { for: input.id }, label));
    }));
  controls.designationKind = h('select', { id: 'designation-kind' },
    DESIGNATIONS.map(([value, label]) => h('option', { value }, label)));
  controls.designation = h('input', { type: 'text', id: 'designation-value', autocomplete: 'off' });
  controls.remoteAddress = h('input', { type: 'text', id: 'remote-address', autocomplete: 'off' });
  controls.sessionId = h('input', { type: 'text', id: 'session-id', autocomplete: 'off' });
  controls.originStreamId = h('input', { type: 'text', id: 'origin-stream-id', autocomplete: 'off' });
  controls.allowCountries = h('input', { type: 'text', id: 'allow-countries', autocomplete: 'off' });
  controls.denyCountries = h('input', { type: 'text', id: 'deny-countries', autocomplete: 'off' });
  controls.allowPostalCodes = h('input', { type: 'text', id: 'allow-postal-codes', autocomplete: 'off' });
  controls.denyPostalCodes = h('input', { type: 'text', id: 'deny-postal-codes', autocomplete: 'off' });
  controls.applyTags = h('textarea', { id: 'apply-tags', rows: 3 });
  controls.expiresInSeconds = h('input', { type: 'number', id: 'expires-in', value: '3600', inputmode: 'numeric' });
  controls.carrier = h('select', { id: 'carrier' },
    [['header', 'HTTP header or body'], ['url', 'A URL query (HLS, WebRTC)'], ['rtmp-url', 'An RTMP URL (nginx-rtmp)']]
      .map(([value, label]) => h('option', { value }, label)));
  const findings = h('div', { id: 'lint-findings', 'aria-live': 'polite' });
  const result = h('div', { id: 'studio-result' });
  const mint = h('button', { type: 'submit', class: 'button', id: 'studio-mint' }, 'Create token');
  const form = h('form', { class: 'form studio', novalidate: true, id: 'studio-form' }, summary,
    type,
    h('fieldset', {}, h('legend', {}, 'Designation: where the token may stream'),
      field('Designate by', controls.designationKind),
      field('Channel, room or tag', controls.designation, 'e.g. the channel alias "news"')),
    h('fieldset', {}, h('legend', {}, 'Restrictions'),
      field('Remote address', controls.remoteAddress, 'Only this client address (IPv4 or IPv6).'),
      field('Session ID', controls.sessionId),
      field('Origin stream ID', controls.originStreamId)),
    h('fieldset', {}, h('legend', {}, 'Location'),
      field('Countries allowed', controls.allowCountries, 'Comma-separated ISO codes, e.g. US, DE; ?? is an address no database maps.'),
      field('Countries denied', controls.denyCountries, 'e.g. ??'),
      field('Postal codes allowed', controls.allowPostalCodes, 'Comma-separated (needs a City database).'),
      field('Postal codes denied', controls.denyPostalCodes)),
    field('Applied tags', controls.applyTags, 'One per line, e.g. customer=acme: they appear in usage reports.'),
    field('Valid for (seconds)', controls.expiresInSeconds, 'Default 3600 (one hour).'),
    field('Where the token travels', controls.carrier, 'The linter checks the limits of that carrier.'),
    mint);
  const sections = h('div', { class: 'studio-layout' }, form,
    h('aside', { class: 'studio-side', 'aria-labelledby': 'lint-title' },
      h('h2', { id: 'lint-title' }, 'Linter'), findings, result));

  const options = () => readOptions(id, controls, form);
  let pending = null;
  const lint = () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      try {
        showLint(findings, await post('/v1/dashboard/lint', { kind: 'digest', options: options() }));
      } catch (e) {
        findings.replaceChildren(h('p', { class: 'error-text' }, 'Cannot lint: ' + e.message + ' (' + e.code + ')'));
      }
    }, 250);
  };
  form.addEventListener('input', lint);
  form.addEventListener('change', lint);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showErrors(summary, []);
    const body = options();
    try {
      const minted = await post(withQuery('/v1/edge-tokens', { applicationId: id }), body);
      const ref = await post('/v1/token-refs', { token: minted.token });
      showResult(result, id, body, minted, ref);
    } catch (e) {
      showErrors(summary, [apiError(e)]);
    }
  });
  page('Token studio', element,
    h('p', {}, 'Mint an EdgeAuth (DIGEST) token for ', h('strong', {}, application.name),
      ' with its current secret, as POST /v1/edge-tokens and tollgate token create do.'),
    sections);
  lint();
}

function list(text) {
  return text.split(/[,\s]+/).map((v) => v.trim()).filter(Boolean);
}

function readOptions(id, controls, form) {
  const options = { applicationId: id };
  const type = form.querySelector('input[name=type]:checked').value;
  if (type !== 'edge') {
    options[type] = true;
  }
  if (controls.designationKind.value && controls.designation.value.trim()) {
    options[controls.designationKind.value] = controls.designation.value.trim();
  }
  for (const name of ['remoteAddress', 'sessionId', 'originStreamId']) {
    if (controls[name].value.trim()) {
      options[name] = controls[name].value.trim();
    }
  }
  for (const name of ['allowCountries', 'denyCountries', 'allowPostalCodes', 'denyPostalCodes']) {
    const values = list(controls[name].value);
    if (values.length) {
      options[name] = values;
    }
  }
  const tags = controls.applyTags.value.split('\n').map((v) => v.trim()).filter(Boolean);
  if (tags.length) {
    options.applyTags = tags;
  }
  const seconds = Number(controls.expiresInSeconds.value);
  if (controls.expiresInSeconds.value !== '' && Number.isFinite(seconds)) {
    options.expiresInSeconds = Math.trunc(seconds);
  }
  options.carrier = controls.carrier.value;
  return options;
}

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' };

function showLint(findings, report) {
  const size = h('p', { id: 'lint-size' }, `${report.size.bytes} bytes (clients: at most ${report.size.clientLimit}; `
    + `RTMP name and query: ${report.size.rtmpBytes} of ${report.size.rtmpLimit}).`);
  if (!report.findings.length) {
    findings.replaceChildren(size, h('p', { class: 'lint-ok' }, 'No findings: the token fits every carrier.'));
    return;
  }
  findings.replaceChildren(size, h('ul', { class: 'findings' }, report.findings.map((finding) =>
    h('li', { class: 'finding finding--' + finding.severity, 'data-code': finding.code },
      h('strong', {}, SEVERITY_LABEL[finding.severity] + ': '), h('code', {}, finding.code), ' — ', finding.message))));
}

function shellQuote(value) {
  return /^[A-Za-z0-9_.:=,@%+/-]+$/.test(value) ? value : "'" + value.replaceAll("'", "'\\''") + "'";
}

/** The `tollgate token create` command that makes the same token with the same secret (the same expiry instant). */
export function cliCommand(id, options, expires) {
  const parts = ['tollgate', 'token', 'create', '-u', shellQuote(id), '--expiresAt', String(expires)];
  for (const [name, value] of Object.entries(options)) {
    const flag = CLI_FLAGS[name];
    if (!flag) {
      continue;
    }
    if (value === true) {
      parts.push(flag);
    } else if (Array.isArray(value)) {
      parts.push(flag, shellQuote(value.join(',')));
    } else {
      parts.push(flag, shellQuote(value));
    }
  }
  for (const tag of options.applyTags || []) {
    parts.push('--applyTag', shellQuote(tag));
  }
  return 'TOLLGATE_SECRET="$APP_SECRET" ' + parts.join(' ');
}

function showResult(result, id, options, minted, ref) {
  const token = copyable('Token', minted.token, { multiline: true, name: 'studio-token' });
  const reference = copyable('Reference (tgr_)', ref.ref, { name: 'studio-ref' });
  const command = copyable('The same token from the command line', cliCommand(id, options, minted.claims.expires),
    { multiline: true, name: 'studio-command' });
  const debug = h('a', { href: '#/applications/' + enc(id) + '/debugger', id: 'studio-debug' }, 'Open it in the debugger');
  debug.addEventListener('click', () => sessionStorage.setItem('tollgate-debug-token', minted.token));
  result.replaceChildren(...[h('h2', { id: uid('minted') }, 'Your token'),
    minted.warnings ? h('ul', { class: 'findings' }, minted.warnings.map((w) => h('li', { class: 'finding finding--warning' },
      h('strong', {}, 'Warning: '), w))) : null,
    token.element, reference.element,
    h('p', { class: 'hint' }, 'The reference fits RTMP and URL carriers (', h('code', {}, '?token=' + ref.ref),
      ') and lives as long as the token.'),
    command.element,
    h('p', {}, debug)].filter(Boolean));
  token.control.focus();
}
