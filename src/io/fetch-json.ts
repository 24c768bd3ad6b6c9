/** GET a URL and parse its JSON (vtgate's /debug/vschema), with a time limit. */

/** Milliseconds one request may take. */
export const FETCH_TIMEOUT_MS = 10_000;

/** The parsed JSON body; throws `HTTP <status> <text>` for a non-2xx answer, or the network error. */
export async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
  return res.json();
}
