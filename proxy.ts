import { randomBytes } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { ACTOR_HEADER, decideAccess } from "@/lib/auth/access";
import { storedApiTokenName } from "@/lib/auth/api-tokens";
import { readSessionSecret, SESSION_COOKIE } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { getQueueRedis } from "@/lib/queue";
import { requestShapeProblem } from "@/lib/request-shape";
import { contentSecurityPolicy, SECURITY_HEADERS } from "@/lib/security-headers";

/** Every request passes here first: host, origin and login checks (lib/auth/access.ts), then security headers. */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const config = getConfig();
  const shape = requestShapeProblem(request.nextUrl.pathname, request.headers.get("content-length"));
  const decision = shape
    ? { kind: "refuse" as const, ...shape }
    : await decideAccess(
        {
          method: request.method,
          url: request.nextUrl,
          host: request.headers.get("host"),
          origin: request.headers.get("origin"),
          authorization: request.headers.get("authorization"),
          session: request.cookies.get(SESSION_COOKIE)?.value,
          accept: request.headers.get("accept"),
        },
        config,
        readSessionSecret(config.dataDir),
        (token) => storedApiTokenName(getQueueRedis(), token),
      );
  const nonce = randomBytes(16).toString("base64");
  const policy = contentSecurityPolicy(
    nonce,
    process.env.NODE_ENV === "development",
    request.nextUrl.pathname,
  );
  let response: NextResponse;
  if (decision.kind === "allow") {
    // Next reads the policy from the request to put the nonce on its scripts; the layout reads x-nonce.
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    // Set here, over anything the request carried: routes and actions read who is asking from it.
    headers.set(ACTOR_HEADER, encodeURIComponent(decision.actor));
    headers.set("content-security-policy", policy);
    response = NextResponse.next({ request: { headers } });
  } else if (decision.kind === "login") {
    const login = new URL("/login", request.nextUrl);
    login.searchParams.set("next", decision.next);
    response = NextResponse.redirect(login, 303);
  } else {
    response = NextResponse.json({ error: decision.error }, { status: decision.status });
  }
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Next's own build files are public: they hold no data.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
