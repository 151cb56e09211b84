/** An error answer of our API: its status says whether asking again can help. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** GETs JSON from our API; an error response's `error` text becomes the thrown message. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new HttpError(body.error ?? `${url} answered ${response.status}`, response.status);
  return body as T;
}

/** Retries what may pass (a network drop, a 5xx) up to three times; a 4xx answer will be the same next time. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return !(error instanceof HttpError && error.status < 500) && failureCount < 3;
}
