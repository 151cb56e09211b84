import { describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import { type AccessRequest, decideAccess, OPEN_DASHBOARD_ACTOR } from "./access";
import { createSession, isValidSession, safeNextPath } from "./session";

const secret = Buffer.alloc(32, 7);
const token = "t".repeat(40);
const locked = parseConfig({ DASHBOARD_PASSWORD: "correct horse battery", API_TOKENS: token });
const open = parseConfig({});
const storedToken = "ccw_made_in_the_dashboard_0123456789abcdef";
const decide = (input: AccessRequest, config: typeof open) =>
  decideAccess(input, config, secret, async (token) => (token === storedToken ? "deploy script" : undefined));
const request = (overrides: Partial<AccessRequest> & { path?: string }): AccessRequest => ({
  method: "GET",
  url: new URL(`http://127.0.0.1:3000${overrides.path ?? "/"}`),
  host: "127.0.0.1:3000",
  origin: null,
  authorization: null,
  session: undefined,
  accept: "text/html",
  ...overrides,
});

describe("decideAccess", () => {
  it("lets everything through an open dashboard on this machine, from its own pages", async () => {
    expect(await decide(request({}), open)).toEqual({ kind: "allow", actor: OPEN_DASHBOARD_ACTOR });
    expect((await decide(request({ method: "POST", origin: "http://127.0.0.1:3000" }), open)).kind).toBe(
      "allow",
    );
  });

  it("refuses hosts it does not answer to, even when open (DNS rebinding)", async () => {
    for (const host of [
      "evil.example",
      "evil.example:3000",
      "127.0.0.1.evil.example",
      "",
      "[::2]:3000",
      null,
    ])
      expect(await decide(request({ host }), open)).toMatchObject({ kind: "refuse", status: 421 });
    for (const host of ["localhost:3000", "[::1]:3000", "LOCALHOST"])
      expect((await decide(request({ host }), open)).kind).toBe("allow");
    const named = parseConfig({ ALLOWED_HOSTS: "ccw.internal" });
    expect((await decide(request({ host: "ccw.internal:3000" }), named)).kind).toBe("allow");
  });

  it("refuses a state-changing request from another site, whatever it carries", async () => {
    const session = createSession(secret, 1).value;
    for (const origin of ["http://evil.example", "http://127.0.0.1:9999", "null", "not a url"])
      for (const method of ["POST", "PUT", "PATCH", "DELETE"])
        expect(await decide(request({ method, origin, session }), locked)).toMatchObject({
          kind: "refuse",
          status: 403,
        });
  });

  it("sends a browser without a session to the login page, and anything else away with 401", async () => {
    expect(await decide(request({ path: "/jobs/abc?x=1" }), locked)).toEqual({
      kind: "login",
      next: "/jobs/abc?x=1",
    });
    for (const path of ["/api/jobs", "/admin/queues/api/queues", "/api/jobs/abcdefgh/events"])
      expect(await decide(request({ path, accept: "*/*" }), locked)).toMatchObject({
        kind: "refuse",
        status: 401,
        error: expect.stringContaining("Log in first"),
      });
    expect(await decide(request({ method: "POST", path: "/" }), locked)).toMatchObject({
      status: 401,
    });
    expect((await decide(request({ path: "/login" }), locked)).kind).toBe("allow");
    // The icon, under the name browsers ask for unprompted too: the login page has one.
    expect((await decide(request({ path: "/favicon.ico" }), locked)).kind).toBe("allow");
  });

  it("accepts a valid session or token, and nothing forged, expired or mistyped", async () => {
    const valid = createSession(secret, 1).value;
    expect(await decide(request({ session: valid }), locked)).toEqual({
      kind: "allow",
      actor: "a person logged in",
    });
    const stored = request({ authorization: `Bearer ${storedToken}`, accept: "*/*" });
    expect(await decide(stored, locked)).toEqual({ kind: "allow", actor: "the token “deploy script”" });
    expect(await decide(request({ authorization: `Bearer ${token}`, accept: "*/*" }), locked)).toEqual({
      kind: "allow",
      actor: "a token of API_TOKENS",
    });
    const forged = `${Date.now() + 1e9}.abc.${valid.split(".")[2]}`;
    const expired = createSession(secret, 1, Date.now() - 2 * 3600 * 1000).value;
    const otherSecret = createSession(Buffer.alloc(32, 8), 1).value;
    for (const session of [forged, expired, otherSecret, "", "a.b", `${valid}x`])
      expect((await decide(request({ session, accept: "*/*" }), locked)).kind).toBe("refuse");
    for (const authorization of [`Bearer ${token}x`, `Basic ${token}`, `Bearer`, `bearer ${token}`])
      expect((await decide(request({ authorization, accept: "*/*" }), locked)).kind).toBe("refuse");
  });
});

describe("the metrics token", () => {
  it("reads /metrics, /healthz and /readyz, and nothing else", async () => {
    const metricsToken = "m".repeat(40);
    const config = parseConfig({ DASHBOARD_PASSWORD: "correct horse battery", METRICS_TOKEN: metricsToken });
    const bearer = { authorization: `Bearer ${metricsToken}`, accept: "*/*" };
    for (const path of ["/metrics", "/healthz", "/readyz"])
      expect(await decide(request({ path, ...bearer }), config)).toEqual({
        kind: "allow",
        actor: "the metrics token",
      });
    expect((await decide(request({ path: "/api/jobs", ...bearer }), config)).kind).toBe("refuse");
    expect((await decide(request({ path: "/metrics", accept: "*/*" }), config)).kind).toBe("refuse");
  });
});

describe("a template's trigger", () => {
  it("reaches its fire route without a session, which checks the template's own token, and nothing else", async () => {
    const fire = request({ method: "POST", path: "/api/templates/t0mx9abcdef1234567/fire", accept: "*/*" });
    expect(await decide(fire, locked)).toEqual({ kind: "allow", actor: "a trigger" });
    expect((await decide({ ...fire, method: "GET" }, locked)).kind).toBe("refuse");
    expect(
      (await decide(request({ method: "POST", path: "/api/templates", accept: "*/*" }), locked)).kind,
    ).toBe("refuse");
    // The host and origin checks hold for it too.
    expect((await decide({ ...fire, origin: "https://evil.example" }, locked)).kind).toBe("refuse");
  });
});

describe("sessions", () => {
  it("expire", async () => {
    const { value } = createSession(secret, 2, 1_000_000);
    expect(isValidSession(secret, value, 1_000_000 + 3600 * 1000)).toBe(true);
    expect(isValidSession(secret, value, 1_000_000 + 3 * 3600 * 1000)).toBe(false);
  });

  it("send a login on only to a path of this dashboard", async () => {
    expect(safeNextPath("/jobs/abc?tab=x")).toBe("/jobs/abc?tab=x");
    for (const next of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "jobs",
      undefined,
      "/a b",
    ])
      expect(safeNextPath(next)).toBe("/");
  });
});
