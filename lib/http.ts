import "server-only";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { GitError } from "./git/run-git";
import { jobIdSchema } from "./job-id";
import { BODY_LIMIT_BYTES, tooLarge } from "./request-shape";

/** A JSON error body a person can act on: what is wrong, and for bad input, which field. */
export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status });
}

/**
 * A request's JSON body, or the response that says why there is none: a 413 past the size limit (counted as it
 * arrives, so a body sent without its length is caught too), a 400 that shows `example` for anything not JSON.
 */
export async function readJsonBody(
  request: Request,
  example: string,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > BODY_LIMIT_BYTES) {
        await reader.cancel();
        const problem = tooLarge();
        return { ok: false, response: jsonError(problem.status, problem.error) };
      }
      chunks.push(value);
    }
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false, response: jsonError(400, `The request body must be JSON, for example ${example}`) };
  }
}

/** Turns "Redis is down" into a 503 that says so, and a git command that failed into a 500 with git's own words. */
export function serviceError(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof GitError) {
    console.error("request failed:", message);
    return jsonError(500, `${message}. Nothing else was changed; check the repository with git status.`);
  }
  console.error("request failed:", message);
  return jsonError(503, `The dashboard could not reach Redis or the job store: ${message}`);
}

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

/** Chunks the stream holds for a slow reader before `send` waits: a long replay never piles up in memory. */
const SSE_HIGH_WATER_CHUNKS = 8;

/**
 * An SSE response fed by `produce`, which writes until the client leaves (then `signal` aborts). `send` resolves
 * once the stream has room again, so a producer that awaits it goes at the reader's pace.
 */
export function sseResponse(
  produce: (send: (chunk: string) => Promise<void>, signal: AbortSignal) => Promise<void>,
): Response {
  const aborter = new AbortController();
  const encoder = new TextEncoder();
  let resume: (() => void) | undefined;
  const wake = () => {
    resume?.();
    resume = undefined;
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const send = async (chunk: string) => {
          if (aborter.signal.aborted) return;
          controller.enqueue(encoder.encode(chunk));
          if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (resume = resolve));
        };
        produce(send, aborter.signal)
          .catch((error: Error) => {
            if (!aborter.signal.aborted)
              void send(`event: error\ndata: ${JSON.stringify({ error: error.message })}\n\n`);
          })
          .finally(() => {
            try {
              controller.close();
            } catch {}
          });
      },
      pull: wake,
      cancel() {
        aborter.abort();
        wake();
      },
    },
    { highWaterMark: SSE_HIGH_WATER_CHUNKS },
  );
  return new Response(stream, { headers: SSE_HEADERS });
}

/** The job id of a route's `[id]` segment, or the 400 that says what a job id looks like. */
export async function jobIdParam(context: { params: Promise<{ id: string }> }): Promise<string | Response> {
  const parsed = jobIdSchema.safeParse((await context.params).id);
  return parsed.success ? parsed.data : jsonError(400, parsed.error.issues[0]?.message ?? "Bad job id");
}

/**
 * A file as the response body, streamed. `nosniff` keeps the browser from treating it as anything but `type`, so a
 * job's file never runs as a page of the dashboard.
 */
export function fileResponse(
  file: string,
  size: number,
  { type, disposition }: { type: string; disposition: string },
): Response {
  return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream, {
    headers: {
      "Content-Type": type,
      "Content-Length": String(size),
      "Content-Disposition": disposition,
      "X-Content-Type-Options": "nosniff",
      // proxy.ts gives every response under a job's files the sandboxing policy (lib/security-headers.ts).
    },
  });
}
