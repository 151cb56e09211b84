import "server-only";
import { jobIdSchema } from "./job-id";

/** A JSON error body a person can act on: what is wrong, and for bad input, which field. */
export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status });
}

/** Turns "Redis is down" into a 503 that says so, instead of a bare 500. */
export function serviceError(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error);
  console.error("request failed:", message);
  return jsonError(503, `The dashboard could not reach Redis or the job store: ${message}`);
}

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

/** An SSE response fed by `produce`, which writes until the client leaves (then `signal` aborts). */
export function sseResponse(
  produce: (send: (chunk: string) => void, signal: AbortSignal) => Promise<void>,
): Response {
  const aborter = new AbortController();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (chunk: string) => {
        if (!aborter.signal.aborted) controller.enqueue(encoder.encode(chunk));
      };
      produce(send, aborter.signal)
        .catch((error: Error) => {
          if (!aborter.signal.aborted)
            send(`event: error\ndata: ${JSON.stringify({ error: error.message })}\n\n`);
        })
        .finally(() => {
          try {
            controller.close();
          } catch {}
        });
    },
    cancel() {
      aborter.abort();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}

/** The job id of a route's `[id]` segment, or the 400 that says what a job id looks like. */
export async function jobIdParam(context: { params: Promise<{ id: string }> }): Promise<string | Response> {
  const parsed = jobIdSchema.safeParse((await context.params).id);
  return parsed.success ? parsed.data : jsonError(400, parsed.error.issues[0]?.message ?? "Bad job id");
}
