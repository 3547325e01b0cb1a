// The one way the pages reach the server: the same JSON API a backend uses, signed in by the session cookie.
// Every state-changing request carries X-CSRF-Token (the token /v1/dashboard/me and sign-in hand out).

let csrfToken = null;

/** An error answer of the API: its status, its stable code and its message, shown as they are. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

export function setCsrfToken(token) {
  csrfToken = token;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Calls the API; resolves to the parsed JSON (or text for CSV), rejects with an ApiError. */
export async function call(method, path, body, { accept = 'json' } = {}) {
  const headers = {};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (STATE_CHANGING.has(method) && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'network-error', 'The server cannot be reached: ' + e.message);
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  if (!response.ok) {
    let code = 'http-' + response.status;
    let message = text || response.statusText;
    try {
      const json = JSON.parse(text);
      code = json.code || json.error || code;
      message = json.message || json.error_description || message;
    } catch (ignored) {
      // Not JSON: the text itself is the message.
    }
    throw new ApiError(response.status, code, message, response.headers.get('Retry-After'));
  }
  if (accept === 'text') {
    return text;
  }
  return text ? JSON.parse(text) : null;
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const del = (path) => call('DELETE', path);

/** A path with its query: undefined, null and empty values are left out; arrays repeat the parameter. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== '') {
        query.append(name, one);
      }
    }
  }
  const text = query.toString();
  return text ? path + '?' + text : path;
}

export const enc = encodeURIComponent;
