export const dynamic = "force-dynamic";

/** The web process answers: for a supervisor's liveness check. Whether it can serve is /readyz. */
export function GET(): Response {
  return Response.json({ ok: true });
}
