/** The most a request body may hold: a job's spec at its limits is well under it. Server actions have the same. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export type ShapeProblem = { status: 400 | 413; error: string };

/**
 * What makes a request unreadable before any route looks at it: a path segment that is not valid percent-encoding
 * (Next would fail decoding it with a 500), or a body announced over the limit (Next's proxy would cut it short, and
 * the route would call it bad JSON).
 */
export function requestShapeProblem(
  pathname: string,
  contentLength: string | null,
): ShapeProblem | undefined {
  for (const segment of pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return {
        status: 400,
        error: `The path segment "${segment}" is not valid percent-encoding: each "%" must be followed by two hex digits, together spelling UTF-8 (a "%" itself is "%25"). Fix the link or the request's URL.`,
      };
    }
  }
  const length = Number(contentLength);
  if (contentLength !== null && Number.isFinite(length) && length > BODY_LIMIT_BYTES) return tooLarge(length);
  return undefined;
}

export function tooLarge(bytes?: number): ShapeProblem {
  const size = bytes === undefined ? "over the limit" : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return {
    status: 413,
    error: `The request body is ${size}; the dashboard takes at most ${BODY_LIMIT_BYTES / 1024 / 1024} MB. Send a shorter prompt, or put long material in a file the job reads.`,
  };
}
