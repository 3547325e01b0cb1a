// Small DOM helpers shared by the pages: elements, form fields with labels, the error summary (GOV.UK style: a
// summary at the top that links to each field in error), copy buttons and empty states. No innerHTML anywhere:
// everything the API returns is text.

/** h('p', {class: 'x'}, 'text', child): an element with attributes, listeners (on*) and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, value);
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

let ids = 0;
/** A unique element ID with a readable prefix. */
export function uid(prefix) {
  ids += 1;
  return prefix + '-' + ids;
}

/** A labelled field: a label, an optional hint, the control (input, select, textarea), an error slot. */
export function field(labelText, control, hint) {
  if (!control.id) {
    control.id = uid('field');
  }
  const hintElement = hint ? h('p', { class: 'hint', id: control.id + '-hint' }, hint) : null;
  if (hintElement) {
    control.setAttribute('aria-describedby', hintElement.id);
  }
  const error = h('p', { class: 'field-error', id: control.id + '-error', hidden: true });
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), hintElement, error, control);
}

/** A checkbox with its label after it. */
export function checkbox(labelText, attributes = {}) {
  const input = h('input', { type: 'checkbox', id: uid('check'), ...attributes });
  return { input, element: h('div', { class: 'checkbox' }, input, h('label', { for: input.id }, labelText)) };
}

/**
 * The error summary at the top of a form: a heading, then one link per error that moves the focus to its field.
 * errors: [{message, field?: element}]; an empty list hides it.
 */
export function showErrors(summary, errors) {
  summary.replaceChildren();
  document.querySelectorAll('.field-error').forEach((slot) => {
    if (summary.parentElement && summary.parentElement.contains(slot)) {
      slot.hidden = true;
      slot.textContent = '';
      slot.parentElement.classList.remove('field--error');
    }
  });
  if (!errors.length) {
    summary.hidden = true;
    return;
  }
  summary.hidden = false;
  const list = h('ul');
  for (const error of errors) {
    const text = error.code ? `${error.message} (${error.code})` : error.message;
    if (error.field) {
      const slot = document.getElementById(error.field.id + '-error');
      if (slot) {
        slot.hidden = false;
        slot.textContent = 'Error: ' + error.message;
        slot.parentElement.classList.add('field--error');
      }
      list.append(h('li', {}, h('a', { href: '#' + error.field.id, onclick: (event) => {
        event.preventDefault();
        error.field.focus();
      } }, text)));
    } else {
      list.append(h('li', {}, text));
    }
  }
  summary.append(h('h2', { class: 'error-summary__title' }, 'There is a problem'), list);
  summary.focus();
}

/** An error summary element (role=alert), hidden until showErrors fills it. */
export function errorSummary() {
  return h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
}

/** An API error as an entry of the error summary. */
export function apiError(error, fieldElement) {
  let message = error.message || String(error);
  if (error.retryAfter) {
    message += ` Try again in ${error.retryAfter} seconds.`;
  }
  return { message, code: error.code, field: fieldElement };
}

/** A read-only value with a Copy button beside it; the button says "Copied" for a moment (text, not colour). */
export function copyable(labelText, value, { multiline = false, name } = {}) {
  const control = multiline
    ? h('textarea', { readonly: true, rows: 4, class: 'mono', spellcheck: 'false', name })
    : h('input', { type: 'text', readonly: true, class: 'mono', spellcheck: 'false', name });
  control.value = value;
  const button = h('button', { type: 'button', class: 'button button--secondary' }, 'Copy');
  button.setAttribute('aria-label', 'Copy ' + labelText.toLowerCase());
  const status = h('span', { class: 'copy-status', role: 'status' });
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(control.value);
      status.textContent = 'Copied';
    } catch (e) {
      // Without clipboard permission (an insecure origin), select it for Ctrl+C.
      control.select();
      status.textContent = 'Selected: press Ctrl+C to copy';
    }
    setTimeout(() => { status.textContent = ''; }, 4000);
  });
  const wrapper = field(labelText, control);
  wrapper.append(h('div', { class: 'copy-row' }, button, status));
  return { element: wrapper, control, button };
}

/** An empty state: what is missing and what to do next. */
export function emptyState(title, ...next) {
  return h('div', { class: 'empty-state' }, h('h3', {}, title), h('p', {}, ...next));
}

/** A notice panel (success or information), with a text prefix so that it does not rely on colour. */
export function notice(kind, title, ...body) {
  return h('div', { class: 'notice notice--' + kind, role: kind === 'warning' ? 'alert' : 'status' },
    h('h3', {}, (kind === 'success' ? 'Done: ' : kind === 'warning' ? 'Important: ' : '') + title), ...body);
}

/** A table from column headings and rows of cells. */
export function table(caption, headings, rows, attributes = {}) {
  return h('table', { class: 'table', ...attributes },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headings.map((heading) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell))))));
}

/** "in 11 h 59 min 3 s" for a number of seconds. */
export function duration(seconds) {
  if (seconds <= 0) {
    return 'expired';
  }
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = Math.floor(seconds % 60);
  return [hours ? hours + ' h' : '', minutes || hours ? minutes + ' min' : '', rest + ' s'].filter(Boolean).join(' ');
}

/** Sets the page's title and its h1, and moves the focus to the main region for keyboard and screen reader users. */
export function page(title, ...children) {
  document.title = title + ' — Tollgate';
  const main = document.getElementById('main');
  main.replaceChildren(h('h1', {}, title), ...children.filter(Boolean));
  main.focus({ preventScroll: true });
  return main;
}
