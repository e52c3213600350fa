// The page's requests: JSON in and out, the CSRF token on every change, one error line each.

let csrfToken = '';

export function setCsrf(token) {
  csrfToken = token ?? '';
}

/** A request that failed: the server's one line, and its HTTP status. */
export class RequestError extends Error {
  constructor(status, message, kind) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

async function answer(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: say what status came back.
  }
  if (!res.ok) throw new RequestError(res.status, body?.error ?? `${res.status} ${res.statusText}`, body?.kind);
  return body;
}

export async function get(path) {
  return answer(await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } }));
}

export async function post(path, body = {}) {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify(body),
  });
  return answer(res);
}

/** Who is logged in (null when no one), and a CSRF token for the next change either way. */
export async function session() {
  const body = await get('/api/session');
  setCsrf(body.csrfToken);
  return body.user === null ? null : body;
}

/** One Engine command by its words, as the console would take them typed. */
export async function run(words) {
  return (await post('/api/run', { words })).result;
}
