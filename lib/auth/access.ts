import "server-only";
import { networkInterfaces } from "node:os";
import { type Config, LOOPBACK_HOSTS } from "../config";
import { bearerToken, isAuthRequired, isConfiguredToken, isMetricsToken } from "./credentials";
import { isValidSession } from "./session";

export interface AccessRequest {
  method: string;
  url: URL;
  host: string | null;
  origin: string | null;
  authorization: string | null;
  session: string | undefined;
  accept: string | null;
}

export type AccessDecision =
  /** `actor`: who is asking, as a page or a log says it (a session, a token by name, or anyone on an open dashboard). */
  | { kind: "allow"; actor: string }
  | { kind: "refuse"; status: 400 | 401 | 403 | 421; error: string }
  | { kind: "login"; next: string };

/** Who is asking, set by the proxy on every request it lets through (and never taken from the request itself). */
export const ACTOR_HEADER = "x-ccw-actor";

/** Who asks when the dashboard has no password: anyone who reaches it. */
export const OPEN_DASHBOARD_ACTOR = "someone on the dashboard (no login)";

/** Paths anyone may reach: the login page (and its form's POST), and the icon it shows. */
const PUBLIC_PATHS = new Set(["/login", "/icon.svg", "/favicon.ico"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** What a scraper or a process supervisor reads: with a session, an API token, or METRICS_TOKEN. */
const OPERATIONS_PATHS = new Set(["/metrics", "/healthz", "/readyz"]);
/** A trigger fires a template with the template's own token, which its route checks: no session or API token. */
const TRIGGER_PATH = /^\/api\/templates\/t[0-9a-z]{8,40}\/fire$/;

/**
 * Whether a request may go on, checked before any page, action or route runs: the Host must be one this dashboard
 * answers to (a DNS-rebinding page reaches 127.0.0.1 under its own name), a state-changing request must come from
 * this dashboard's own pages (Origin), and when a password or tokens are set, the request must carry a session or a
 * token (from API_TOKENS, or made in the dashboard).
 */
export async function decideAccess(
  request: AccessRequest,
  config: Config,
  secret: Buffer,
  /** The name of a token made in the dashboard, or undefined for any other string. */
  storedTokenName: (token: string) => Promise<string | undefined>,
): Promise<AccessDecision> {
  const hostName = hostNameOf(request.host);
  if (!hostName || !answeredHosts(config).has(hostName)) {
    return {
      kind: "refuse",
      status: 421,
      error: `This dashboard does not answer to the host "${request.host ?? ""}". Reach it at its own address, or add the name to ALLOWED_HOSTS.`,
    };
  }
  if (!SAFE_METHODS.has(request.method) && request.origin !== null) {
    let originHost: string | undefined;
    try {
      originHost = new URL(request.origin).host;
    } catch {}
    if (originHost !== request.host) {
      return {
        kind: "refuse",
        status: 403,
        error: `Refused a ${request.method} from another site (${request.origin}): only this dashboard's own pages may change jobs.`,
      };
    }
  }
  if (request.method === "POST" && TRIGGER_PATH.test(request.url.pathname))
    return { kind: "allow", actor: "a trigger" };
  if (!isAuthRequired(config)) return { kind: "allow", actor: OPEN_DASHBOARD_ACTOR };
  if (PUBLIC_PATHS.has(request.url.pathname)) return { kind: "allow", actor: "a visitor not logged in" };
  const token = bearerToken(request.authorization);
  if (token && OPERATIONS_PATHS.has(request.url.pathname) && isMetricsToken(config, token))
    return { kind: "allow", actor: "the metrics token" };
  if (token) {
    if (isConfiguredToken(config, token)) return { kind: "allow", actor: "a token of API_TOKENS" };
    const name = await storedTokenName(token);
    if (name !== undefined) return { kind: "allow", actor: `the token “${name}”` };
  }
  if (isValidSession(secret, request.session)) return { kind: "allow", actor: "a person logged in" };
  const wantsPage =
    SAFE_METHODS.has(request.method) &&
    !request.url.pathname.startsWith("/api/") &&
    !request.url.pathname.startsWith("/admin/queues/api/") &&
    (request.accept ?? "").includes("text/html");
  if (wantsPage) return { kind: "login", next: request.url.pathname + request.url.search };
  return {
    kind: "refuse",
    status: 401,
    error: "Log in first (at /login), or send Authorization: Bearer <token> with one of API_TOKENS.",
  };
}

/** "127.0.0.1:3000" → "127.0.0.1"; "[::1]:3000" → "::1"; lower case. */
function hostNameOf(host: string | null): string | undefined {
  if (!host || host.length > 300) return undefined;
  const match = /^(\[[0-9a-fA-F:]+\]|[^:[\]]+)(:\d{1,5})?$/.exec(host);
  return match?.[1]?.replace(/^\[|\]$/g, "").toLowerCase();
}

/** Worked out once per configuration: every request asks, and the machine's addresses do not change under it. */
const answeredHostsByConfig = new WeakMap<Config, Set<string>>();

function answeredHosts(config: Config): Set<string> {
  const known = answeredHostsByConfig.get(config);
  if (known) return known;
  const hosts = new Set([...LOOPBACK_HOSTS, config.host.toLowerCase(), ...config.allowedHosts]);
  // Bound to every interface: the machine's own addresses are its names too.
  if (config.host === "0.0.0.0" || config.host === "::") {
    for (const addresses of Object.values(networkInterfaces()))
      for (const address of addresses ?? []) hosts.add(address.address.toLowerCase());
  }
  answeredHostsByConfig.set(config, hosts);
  return hosts;
}
