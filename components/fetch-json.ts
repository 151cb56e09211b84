/** GETs JSON from our API; an error response's `error` text becomes the thrown message. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `${url} answered ${response.status}`);
  return body as T;
}
