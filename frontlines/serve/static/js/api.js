// The JSON API: every error comes back as {ok: false, error, errors, status}.

export class ApiError extends Error {
  constructor(body, status) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.errors = (body && body.errors) || [];
  }
}

export function query(params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "") continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

async function parse(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok || !body || body.ok === false) throw new ApiError(body, response.status);
  return body;
}

export async function get(path, params) {
  return parse(await fetch(path + query(params), { headers: { accept: "application/json" } }));
}

export async function post(path, body) {
  return parse(
    await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    }),
  );
}
