import type { z } from "zod";
import type { ClientConfig } from "./client-config";

/** The dashboard refused, or could not be reached: its words, and the exit code that says which. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** The dashboard's HTTP API, each answer checked against the schema the dashboard answers with. */
export class ApiClient {
  constructor(private readonly config: ClientConfig) {}

  async request<T>(
    method: string,
    route: string,
    schema: z.ZodType<T> | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await this.fetch(method, route, body, headers);
    if (response.status === 204 || !schema) return undefined as T;
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success)
      throw new ApiError(
        `${method} ${route} answered something this client does not know (${parsed.error.issues[0]?.message}): is the dashboard of another version?`,
        response.status,
      );
    return parsed.data;
  }

  /** The raw answer of a route that is not JSON (a file, a patch), or an event stream. */
  async fetch(
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.config.url}${route}`, {
        method,
        headers: {
          ...(this.config.token ? { authorization: `Bearer ${this.config.token}` } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if ((error as Error).name === "AbortError") throw error;
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new ApiError(
        `Could not reach the dashboard at ${this.config.url} (${cause}): is it running? Set CCW_URL to its address.`,
        null,
      );
    }
    if (response.ok) return response;
    const text = await response.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {}
    if (response.status === 401 && !this.config.token)
      message += " Set CCW_TOKEN to a token of Settings → Tokens.";
    throw new ApiError(message || `${method} ${route}: ${response.status}`, response.status);
  }
}
