// The sections of one application, as tabs: every application page starts with them.
import { enc, get } from './api.js';
import { h } from './ui.js';

const SECTIONS = [
  ['', 'Overview'],
  ['/client-token', 'Client access token'],
  ['/studio', 'Token studio'],
  ['/debugger', 'Debugger'],
  ['/channels', 'Channels and rooms'],
  ['/revocations', 'Revocations'],
  ['/usage', 'Usage'],
];

/** The application (GET /v1/admin/applications/{id}) and the navigation of its sections, `current` marked. */
export async function applicationHeader(id, current) {
  const application = await get('/v1/admin/applications/' + enc(id));
  const nav = h('nav', { class: 'tabs', 'aria-label': 'Sections of ' + application.name },
    h('ul', {}, SECTIONS.map(([suffix, label]) => h('li', {},
      h('a', {
        href: '#/applications/' + enc(id) + suffix,
        'aria-current': suffix === current ? 'page' : undefined,
      }, label)))));
  return {
    application,
    element: h('div', { class: 'application-header' },
      h('p', { class: 'breadcrumbs' }, h('a', { href: '#/applications' }, 'Applications'), ' › ', application.name),
      nav),
  };
}
