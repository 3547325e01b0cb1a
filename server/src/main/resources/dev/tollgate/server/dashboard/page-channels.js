import { del, enc, get, post, withQuery } from './api.js';
import { applicationHeader } from './application-nav.js';
import { apiError, emptyState, errorSummary, field, h, page, showErrors, table } from './ui.js';

/** Channels and rooms of the application, with their live streams; create and delete. */
export async function show(id) {
  const { application, element } = await applicationHeader(id, '/channels');
  const lists = h('div', { id: 'channel-lists' });
  const details = h('div', { id: 'channel-details', 'aria-live': 'polite' });
  page('Channels and rooms', element,
    h('p', {}, 'A token designates a channel or a room by ID or alias; a stream published to it gets an origin stream ID.'),
    createForm(id, lists, details), lists, details);
  await refresh(id, lists, details, application);
}

async function refresh(id, lists, details) {
  const [channels, rooms] = await Promise.all([
    get(withQuery('/v1/channels', { applicationId: id })),
    get(withQuery('/v1/rooms', { applicationId: id })),
  ]);
  const all = [...channels.channels, ...rooms.rooms];
  if (!all.length) {
    lists.replaceChildren(emptyState('No channels or rooms yet',
      'Create one above, e.g. the alias "news", then mint a token for it in the token studio.'));
    return;
  }
  lists.replaceChildren(table('Channels and rooms', ['Kind', 'Alias', 'ID', 'Created', 'Actions'],
    all.map((item) => [
      item.kind,
      item.alias,
      h('code', {}, item.id),
      new Date(item.createdAt).toLocaleString(),
      h('div', { class: 'button-group' },
        h('button', { type: 'button', class: 'button button--secondary', onclick: () => showStreams(id, item, details) },
          'Streams of ' + item.alias),
        h('button', { type: 'button', class: 'button button--warning', onclick: async () => {
          if (!confirm(`Delete the ${item.kind} ${item.alias}? Tokens designating it stop working and its streams are forgotten.`)) {
            return;
          }
          await del(withQuery('/v1/' + item.kind + 's/' + enc(item.id), { applicationId: id }));
          await refresh(id, lists, details);
        } }, 'Delete ' + item.alias)),
    ]), { id: 'channels-table' }));
}

async function showStreams(id, item, details) {
  const answer = await get(withQuery('/v1/' + item.kind + 's/' + enc(item.id) + '/streams', { applicationId: id }));
  const live = answer.streams.filter((s) => s.live);
  details.replaceChildren(h('h2', {}, 'Streams of ' + item.alias),
    h('p', {}, `${live.length} live now, ${answer.streams.length} in all.`),
    answer.streams.length
      ? table('Streams of ' + item.alias, ['Origin stream ID', 'Live', 'Started', 'Ended'], answer.streams.map((s) => [
        h('code', {}, s.id), s.live ? 'Live' : 'Ended', new Date(s.startedAt).toLocaleString(),
        s.endedAt ? new Date(s.endedAt).toLocaleString() : '—']))
      : emptyState('No streams yet', 'Publish to rtmp://<media server>/live/' + item.alias
        + '?token=<a publish token for it> and the stream appears here.'));
  details.querySelector('h2').setAttribute('tabindex', '-1');
  details.querySelector('h2').focus();
}

function createForm(id, lists, details) {
  const summary = errorSummary();
  const kind = h('select', { id: 'channel-kind' }, h('option', { value: 'channel' }, 'Channel'), h('option', { value: 'room' }, 'Room'));
  const alias = h('input', { type: 'text', id: 'channel-alias', autocomplete: 'off' });
  const form = h('form', { class: 'form inline-form', novalidate: true, id: 'create-channel' },
    h('h2', {}, 'Create a channel or room'), summary,
    field('Kind', kind),
    field('Alias', alias, '1 to 128 of A-Z a-z 0-9 . _ -, e.g. news'),
    h('button', { type: 'submit', class: 'button' }, 'Create'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!alias.value.trim()) {
      showErrors(summary, [{ message: 'Enter an alias', field: alias }]);
      return;
    }
    try {
      await post(withQuery('/v1/' + kind.value + 's', { applicationId: id }), { alias: alias.value.trim() });
      showErrors(summary, []);
      alias.value = '';
      await refresh(id, lists, details);
    } catch (e) {
      showErrors(summary, [apiError(e, alias)]);
    }
  });
  return form;
}
