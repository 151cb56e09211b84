import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import {
  type APIRequestContext,
  chromium,
  expect,
  type Page,
  request as playwrightRequest,
  test,
} from "@playwright/test";
import { screenshot } from "./helpers";
import { launch } from "./launch";

// A dashboard of its own, with a password and an API token, for everything about who gets in.
const PORT = 3105;
const base = `http://127.0.0.1:${PORT}`;
const PASSWORD = "correct horse battery staple";
const TOKEN = "e2e-token-0123456789abcdef0123456789abcdef";
const root = path.resolve(import.meta.dirname, "..");

test.describe.configure({ mode: "serial" });

let launcher: ReturnType<typeof launch>;
let api: APIRequestContext;
let jobId: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  launcher = launch({
    PORT: String(PORT),
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "ccw-auth-")),
    DASHBOARD_PASSWORD: PASSWORD,
    API_TOKENS: TOKEN,
    SHUTDOWN_GRACE_SECONDS: "1",
  });
  await expect.poll(launcher.output, { timeout: 150_000 }).toContain(`is running: ${base}`);
  api = await playwrightRequest.newContext({
    baseURL: base,
    extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` },
  });
  jobId = (await (await api.post("/api/jobs", { data: { prompt: "scenario:workspace" } })).json()).id;
  await expect.poll(async () => (await (await api.get(`/api/jobs/${jobId}`)).json()).state).toBe("completed");
});

test.afterAll(async () => {
  await api?.dispose();
  launcher?.child.kill("SIGINT");
  await launcher?.exited;
});

interface Route {
  path: string;
  methods: string[];
  page: boolean;
}

/** Every page and route handler the app has, read from app/: a new one is checked without anyone listing it here. */
function appRoutes(): Route[] {
  const routes: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts" || entry.name === "page.tsx") {
        const segments = path.relative(path.join(root, "app"), dir).split(path.sep).filter(Boolean);
        const url = `/${segments
          .map((segment) =>
            segment === "[id]"
              ? jobId
              : segment === "[...path]"
                ? "src/app.ts"
                : segment === "[[...path]]"
                  ? ""
                  : segment,
          )
          .filter(Boolean)
          .join("/")}`;
        const source = readFileSync(full, "utf8");
        const methods =
          entry.name === "page.tsx"
            ? ["GET"]
            : [...source.matchAll(/\b(?:function|as) (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
                (match) => match[1] as string,
              );
        routes.push({ path: url, methods, page: entry.name === "page.tsx" });
      }
    }
  };
  walk(path.join(root, "app"));
  return routes;
}

async function jobCount(): Promise<number> {
  return (await (await api.get("/api/jobs")).json()).counts.all;
}

test("every route refuses a request without a session or token, and nothing happens", async ({ request }) => {
  const routes = appRoutes().filter((route) => route.path !== "/login");
  expect(routes.length).toBeGreaterThanOrEqual(15);
  const before = await jobCount();
  let cases = 0;
  for (const route of routes) {
    for (const method of route.methods) {
      const response = await request.fetch(`${base}${route.path}`, {
        method,
        headers: { Accept: route.page ? "text/html" : "application/json" },
        data: method === "GET" ? undefined : { prompt: "should never run" },
        maxRedirects: 0,
      });
      cases++;
      if (route.page) {
        expect([route.path, response.status()]).toEqual([route.path, 303]);
        expect(response.headers().location).toContain("/login?next=");
      } else {
        expect([method, route.path, response.status()]).toEqual([method, route.path, 401]);
        expect((await response.json()).error).toContain("Log in first");
      }
    }
  }
  expect(cases).toBeGreaterThanOrEqual(20);
  expect(await jobCount()).toBe(before);
  expect((await (await api.get(`/api/jobs/${jobId}`)).json()).state).toBe("completed");
  // A wrong token or a forged cookie gets no further.
  for (const headers of <Record<string, string>[]>[
    { Authorization: `Bearer ${TOKEN}x` },
    { Authorization: `Basic ${TOKEN}` },
    { Cookie: `ccw_session=${Date.now() + 9e9}.forged.signature` },
  ])
    expect((await request.get(`${base}/api/jobs`, { headers })).status()).toBe(401);
});

test("requests under another Host or from another site are refused, even with a token", async ({
  request,
}) => {
  const before = await jobCount();
  const auth = { Authorization: `Bearer ${TOKEN}` };
  for (const host of ["evil.example", `evil.example:${PORT}`, `127.0.0.1.evil.example:${PORT}`]) {
    const response = await request.get(`${base}/api/jobs`, { headers: { ...auth, Host: host } });
    expect([host, response.status()]).toEqual([host, 421]);
    expect((await response.json()).error).toContain("does not answer to the host");
  }
  for (const [method, url] of [
    ["POST", "/api/jobs"],
    ["DELETE", `/api/jobs/${jobId}`],
    ["POST", `/api/jobs/${jobId}/retry`],
    ["POST", "/"],
  ] as const) {
    const response = await request.fetch(`${base}${url}`, {
      method,
      headers: { ...auth, Origin: "http://evil.example" },
      data: { prompt: "cross-site" },
    });
    expect([method, url, response.status()]).toEqual([method, url, 403]);
    expect((await response.json()).error).toContain("from another site");
  }
  expect(await jobCount()).toBe(before);
  expect((await api.get(`/api/jobs/${jobId}`)).status()).toBe(200);
});

/** [what, method, url, body, status, words the error must contain] */
type BadInput = [string, string, string, unknown, number, string];

test("bad input gets a clear 400 or 404, and nothing is read, written or queued", async () => {
  const id = () => jobId;
  const files = (rest: string) => `/api/jobs/${id()}/files/${rest}`;
  const post = (data: unknown): [string, string, unknown] => ["POST", "/api/jobs", data];
  const cases: BadInput[] = [
    ["uppercase job id", "GET", "/api/jobs/ABCDEFGHIJ", undefined, 400, "A job id is 8 to 40"],
    ["short job id", "GET", "/api/jobs/abc", undefined, 400, "A job id is 8 to 40"],
    ["over-long job id", "GET", `/api/jobs/${"a".repeat(41)}`, undefined, 400, "A job id is 8 to 40"],
    ["job id with a dot", "GET", "/api/jobs/abcdefgh.json", undefined, 400, "A job id is 8 to 40"],
    ["encoded traversal as id", "GET", "/api/jobs/..%2F..%2Fetc", undefined, 400, "A job id"],
    ["unknown job", "GET", "/api/jobs/0000000000000000", undefined, 404, "There is no job"],
    ["events of a bad id", "GET", "/api/jobs/BAD-ID/events", undefined, 400, "A job id"],
    ["bad cursor", "GET", `/api/jobs/${jobId}/events?cursor=abc`, undefined, 400, "Bad cursor"],
    ["file: ..", "GET", files("..%2Fjob.json"), undefined, 404, "No file"],
    // The URL's dots are resolved before routing: this one asks for /api/jobs/<id>/job.json, which no route serves.
    ["file: encoded ..", "GET", files("%2e%2e/job.json"), undefined, 404, "No such API route"],
    ["file: double-encoded ..", "GET", files("%252e%252e%252fjob.json"), undefined, 404, "No file"],
    ["file: absolute", "GET", files("%2Fetc%2Fpasswd"), undefined, 404, "No file"],
    ["file: NUL byte", "GET", files("hello%00.txt"), undefined, 404, "No file"],
    ["file: over-long", "GET", files("a".repeat(5000)), undefined, 404, "No file"],
    ["file: symlink out", "GET", files("link-out"), undefined, 404, "No file"],
    ["file: a folder", "GET", files("src"), undefined, 404, "not a file"],
    ["stderr of an unknown job", "GET", "/api/jobs/0000000000000000/stderr", undefined, 404, "no stderr.log"],
    ["body not JSON", "POST", "/api/jobs", Buffer.from("{not json"), 400, "must be JSON"],
    ["body not an object", "POST", "/api/jobs", ["prompt"], 400, "A job is a JSON object"],
    ["unknown field", ...post({ prompt: "x", colour: "blue" }), 400, "Unknown field colour"],
    ["empty prompt", ...post({ prompt: "  " }), 400, "Write a prompt"],
    ["prompt too long", ...post({ prompt: "x".repeat(100_001) }), 400, "100,000"],
    ["prompt not text", ...post({ prompt: 42 }), 400, "prompt"],
    ["max turns below 1", ...post({ prompt: "x", maxTurns: 0 }), 400, "Max turns"],
    ["max turns not a number", ...post({ prompt: "x", maxTurns: "lots" }), 400, "Max turns must be a number"],
    ["negative budget", ...post({ prompt: "x", maxBudgetUsd: -5 }), 400, "budget"],
    ["timeout too long", ...post({ prompt: "x", timeoutSeconds: 1e9 }), 400, "timeout"],
    ["idle timeout too long", ...post({ prompt: "x", idleTimeoutSeconds: 1e9 }), 400, "idle"],
    ["unknown permission mode", ...post({ prompt: "x", permissionMode: "yolo" }), 400, "permission"],
    [
      "bypass not allowed",
      ...post({ prompt: "x", permissionMode: "bypassPermissions" }),
      400,
      "does not allow",
    ],
    ["relative directory", ...post({ prompt: "x", workingDirectory: "code" }), 400, "absolute"],
    [
      "directory outside the roots",
      ...post({ prompt: "x", workingDirectory: "/etc" }),
      400,
      "No directories are allowed",
    ],
    [
      "extra directory outside",
      ...post({ prompt: "x", additionalDirectories: ["/etc"] }),
      400,
      "No directories",
    ],
    ["negative delay", ...post({ prompt: "x", delaySeconds: -1 }), 400, "delay"],
    ["too many attempts", ...post({ prompt: "x", attempts: 1000 }), 400, "ttempts"],
    ["priority not whole", ...post({ prompt: "x", priority: 1.5 }), 400, "riority"],
    ["tool name with spaces", ...post({ prompt: "x", allowedTools: ["rm -rf"] }), 400, "tool"],
    ["bad session id", ...post({ prompt: "x", resumeSessionId: "not-a-uuid" }), 400, "session"],
    ["bad parent id", ...post({ prompt: "x", parentJobId: "../x" }), 400, "job id"],
    // A NUL cannot be passed to a program: refused by field instead of failing at spawn after retries.
    ["NUL in the prompt", ...post({ prompt: "a\u0000b" }), 400, "The prompt contains a NUL character"],
    [
      "NUL in the system prompt",
      ...post({ prompt: "x", appendSystemPrompt: "a\u0000b" }),
      400,
      "The appended system prompt contains a NUL",
    ],
    [
      "NUL in a tool rule",
      ...post({ prompt: "x", allowedTools: ["Bash(a\u0000)"] }),
      400,
      "A tool rule contains a NUL",
    ],
    [
      "NUL in a follow-up",
      "POST",
      `/api/jobs/${jobId}/follow-up`,
      { prompt: "more\u0000" },
      400,
      "The prompt contains a NUL character",
    ],
    ["zero copies", "POST", "/api/jobs?copies=0", { prompt: "x" }, 400, "at least 1"],
    ["too many copies", "POST", "/api/jobs?copies=21", { prompt: "x" }, 400, "At most 20"],
    ["copies not a number", "POST", "/api/jobs?copies=many", { prompt: "x" }, 400, "Copies must be a number"],
    ["unknown tab", "GET", "/api/jobs?tab=nope", undefined, 400, "tab must be one of"],
    ["page 0", "GET", "/api/jobs?page=0", undefined, 400, "page starts at 1"],
    ["page not a number", "GET", "/api/jobs?page=two", undefined, 400, "page must be a number"],
    ["search too long", "GET", `/api/jobs?q=${"q".repeat(201)}`, undefined, 400, "at most 200"],
    ["unknown query field", "GET", "/api/jobs?sort=name", undefined, 400, "sort"],
    ["follow-up without prompt", "POST", `/api/jobs/${jobId}/follow-up`, {}, 400, "prompt"],
    [
      "follow-up unknown field",
      "POST",
      `/api/jobs/${jobId}/follow-up`,
      { prompt: "x", model: "y" },
      400,
      "model",
    ],
    ["follow-up not JSON", "POST", `/api/jobs/${jobId}/follow-up`, Buffer.from("nope"), 400, "JSON"],
    [
      "follow-up of unknown job",
      "POST",
      "/api/jobs/0000000000000000/follow-up",
      { prompt: "x" },
      404,
      "no job",
    ],
    ["retry unknown job", "POST", "/api/jobs/0000000000000000/retry", undefined, 404, "no job"],
    [
      "retry a completed job",
      "POST",
      `/api/jobs/${jobId}/retry`,
      undefined,
      409,
      "Only a failed or cancelled job",
    ],
    ["cancel unknown job", "POST", "/api/jobs/0000000000000000/cancel", undefined, 404, "no job"],
    ["cancel a finished job", "POST", `/api/jobs/${jobId}/cancel`, undefined, 409, "nothing left to cancel"],
    ["delete a bad id", "DELETE", "/api/jobs/BAD", undefined, 400, "A job id"],
    ["delete unknown job", "DELETE", "/api/jobs/0000000000000000", undefined, 404, "no job"],
    ["archive of a bad id", "GET", "/api/jobs/..%2F/archive", undefined, 400, "A job id"],
    ["directory: relative", "GET", "/api/directories?path=code", undefined, 400, "absolute path"],
    ["directory: NUL", "GET", "/api/directories?path=%2Fa%00b", undefined, 400, "absolute path"],
    [
      "directory: outside",
      "GET",
      "/api/directories?path=%2Fetc",
      undefined,
      404,
      "No directories are allowed",
    ],
    ["directory: unknown field", "GET", "/api/directories?depth=9", undefined, 400, "depth"],
    // Percent-encoding that decodes to nothing, anywhere: a 400 that names the segment, not a 500.
    [
      "page: bad encoding",
      "GET",
      "/jobs/%ff",
      undefined,
      400,
      'segment \\"%ff\\" is not valid percent-encoding',
    ],
    ["file: bad encoding", "GET", files("%zz"), undefined, 400, 'segment \\"%zz\\" is not valid'],
    ["file: overlong UTF-8", "GET", files("%c0%ae"), undefined, 400, 'segment \\"%c0%ae\\" is not valid'],
    ["file page: bad encoding", "GET", `/jobs/${jobId}/files/%zz`, undefined, 400, "percent-encoding"],
    // Numbers are decimal numbers: no hex, no exponent, no booleans or arrays read as numbers.
    ["copies in hex", "POST", "/api/jobs?copies=0x10", { prompt: "x" }, 400, "Copies must be a number"],
    [
      "copies as an exponent",
      "POST",
      "/api/jobs?copies=1e1",
      { prompt: "x" },
      400,
      "Copies must be a number",
    ],
    ["max turns true", ...post({ prompt: "x", maxTurns: true }), 400, "Max turns must be a number"],
    ["max turns in a list", ...post({ prompt: "x", maxTurns: [5] }), 400, "Max turns must be a number"],
    ["budget in hex", ...post({ prompt: "x", maxBudgetUsd: "0x10" }), 400, "Max budget must be a number"],
    ["page in hex", "GET", "/api/jobs?page=0x2", undefined, 400, "page must be a number"],
    [
      "body over the limit",
      "POST",
      "/api/jobs",
      Buffer.from(JSON.stringify({ prompt: "x".repeat(11 * 1024 * 1024) })),
      413,
      "the dashboard takes at most 1 MB",
    ],
  ];
  expect(cases.length).toBeGreaterThanOrEqual(60);
  const before = await jobCount();
  for (const [what, method, url, body, status, words] of cases) {
    const response = await api.fetch(url, {
      method,
      ...(Buffer.isBuffer(body)
        ? { data: body, headers: { "Content-Type": "application/json" } }
        : body === undefined
          ? {}
          : { data: body }),
    });
    const text = await response.text();
    expect([what, response.status()], text.slice(0, 300)).toEqual([what, status]);
    expect(text.toLowerCase(), what).toContain(words.toLowerCase());
    // Nothing was read: neither the password file nor the job's own record.
    expect(text, what).not.toContain("root:");
    expect(text, what).not.toContain('"cwd"');
  }
  expect(await jobCount()).toBe(before);
});

test("a body sent without its length is refused with a 413 once it passes the limit, and queues nothing", async () => {
  const before = await jobCount();
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const sent = httpRequest(
      `${base}/api/jobs`,
      {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    sent.on("error", reject);
    // Chunked: no Content-Length for the proxy to refuse by, so the route counts what arrives.
    sent.write(`{"prompt": "${"x".repeat(256 * 1024)}`);
    for (let n = 0; n < 8; n++) sent.write("x".repeat(256 * 1024));
    sent.end('"}');
  });
  expect(answer.status, answer.text).toBe(413);
  expect(answer.text).toContain("the dashboard takes at most 1 MB");
  expect(await jobCount()).toBe(before);
});

test("a person logs in, works, logs out, and is refused afterwards", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/jobs/new");
  await expect(page).toHaveURL(/\/login\?next=%2Fjobs%2Fnew$/);
  await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New job" })).toHaveCount(0);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.locator("#password-error")).toHaveText("Wrong password.");
  await expect(page.getByTestId("health-banner")).toHaveCount(0);
  await screenshot(page, "login-wrong-password");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(`${base}/jobs/new`);

  const [cookie] = (await context.cookies()).filter((c) => c.name === "ccw_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000);

  await page.getByLabel("Prompt", { exact: true }).fill("file:logged-in.txt");
  await page.getByRole("button", { name: "Run job" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 20_000 });
  await expect(page.getByTestId("job-files")).toContainText("logged-in.txt");
  const jobUrl = page.url();

  // A token for a script: made here, shown once, working at once, and dead once revoked.
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(
    page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Tokens" }),
  ).toHaveAttribute("aria-current", "page");
  await page.getByLabel("New token's name").fill("nightly script");
  await page.getByRole("button", { name: "Make a token" }).click();
  const token = (await page.getByTestId("new-token").textContent()) ?? "";
  expect(token).toMatch(/^ccw_[0-9a-f]{64}$/);
  await screenshot(page, "api-tokens");
  const script = await playwrightRequest.newContext({
    baseURL: base,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  expect((await script.get("/api/jobs")).status()).toBe(200);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Revoke nightly script" }).click();
  await expect(page.getByTestId("api-token")).toHaveCount(0);
  expect((await script.get("/api/jobs")).status()).toBe(401);
  await script.dispose();
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto(jobUrl);
  await expect(page).toHaveURL(/\/login\?next=/);
  expect((await page.request.get("/api/jobs")).status()).toBe(401);
  await context.close();
});

test("every answer carries the security headers, and pages a policy that forbids framing and foreign scripts", async () => {
  for (const url of ["/", "/api/jobs", `/api/jobs/${jobId}/files/page.html`, "/admin/queues", "/login"]) {
    const headers = (await api.get(url)).headers();
    expect([url, headers["x-content-type-options"]]).toEqual([url, "nosniff"]);
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    // A job's own files run nothing at all; pages run this dashboard's scripts only.
    expect(headers["content-security-policy"]).toMatch(
      url.includes("/files/")
        ? /^sandbox; default-src 'none'/
        : /script-src 'self'( 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic')?;/,
    );
  }
});

test("the password and the tokens appear in no page, API answer, job or log", async () => {
  const answers = await Promise.all(
    [
      "/",
      `/jobs/${jobId}`,
      "/jobs/new",
      "/api/status",
      "/api/jobs",
      `/api/jobs/${jobId}`,
      "/admin/queues/api/queues",
    ].map(async (url) => (await api.get(url)).text()),
  );
  const seen = [...answers, launcher.output()].join("\n");
  expect(seen).toContain(jobId);
  expect(seen).not.toContain(PASSWORD);
  expect(seen).not.toContain(TOKEN);
});

/** A page of another origin (same machine, another port: the same site, so the session cookie goes along). */
async function startAttackerSite(page: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function logIn(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(`${base}/`);
}

test("a page of another origin cannot submit, cancel or delete for a logged-in person, by form or by fetch", async ({
  browser,
}) => {
  const waiting = (
    await (await api.post("/api/jobs", { data: { prompt: "mock:text", delaySeconds: 3600 } })).json()
  ).id as string;
  const before = await jobCount();
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await logIn(page);
  const attacker = await startAttackerSite(`<!doctype html><body>
    <script>
      const base = ${JSON.stringify(base)};
      const sent = [
        fetch(base + "/api/jobs", { method: "POST", mode: "no-cors", credentials: "include",
          headers: { "content-type": "text/plain" }, body: JSON.stringify({ prompt: "sent by another site" }) }),
        fetch(base + "/api/jobs/${waiting}/cancel", { method: "POST", mode: "no-cors", credentials: "include" }),
        fetch(base + "/api/jobs/${jobId}", { method: "DELETE", mode: "no-cors", credentials: "include" }),
      ];
      Promise.allSettled(sent).then(() => { document.title = "fetched"; });
    </script>
    <form id="f" method="post" action="${base}/api/jobs" enctype="text/plain">
      <input name='{"prompt":"posted by another site","x":"' value='"}'>
    </form>
  </body>`);
  try {
    await page.goto(attacker.url);
    await expect(page).toHaveTitle("fetched");
    await page.evaluate(() => (document.getElementById("f") as HTMLFormElement).submit());
    await expect(page).toHaveURL(`${base}/api/jobs`);
    await expect(page.locator("body")).toContainText("from another site");
  } finally {
    await attacker.close();
  }
  expect(await jobCount()).toBe(before);
  expect((await (await api.get(`/api/jobs/${waiting}`)).json()).state).toBe("delayed");
  expect((await api.get(`/api/jobs/${jobId}`)).status()).toBe(200);
  // The person's own page, same site and same origin, still works with that session.
  expect((await page.request.get(`${base}/api/jobs/${waiting}`)).status()).toBe(200);
  await context.close();
  await api.delete(`/api/jobs/${waiting}`);
});

test("a page under a rebound name, resolving to this machine, gets nothing from the dashboard", async () => {
  // DNS rebinding: the attacker's name answers with 127.0.0.1, so their page is same-origin with itself only.
  const rebound = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--host-resolver-rules=MAP rebind.example 127.0.0.1",
    ],
  });
  try {
    const page = await rebound.newPage();
    const response = await page.goto(`http://rebind.example:${PORT}/`);
    expect(response?.status()).toBe(421);
    const read = await page.evaluate(async () => {
      const answer = await fetch("/api/jobs", { headers: { Authorization: "Bearer guessed" } });
      return { status: answer.status, body: await answer.text() };
    });
    expect(read.status).toBe(421);
    expect(read.body).toContain("does not answer to the host");
    expect(read.body).not.toContain(jobId);
  } finally {
    await rebound.close();
  }
});

// Last: it leaves the dashboard refusing logins for the rest of its window.
test("the failed-login limit holds in a browser: after ten wrong passwords even the right one is refused", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/login");
  const message = page.locator("#password-error");
  // Each try's answer lands before the next is typed: the form re-renders on it, and would clear a password typed
  // meanwhile (the last message on screen is no sign, being the same for every wrong try).
  const logIn = async (password: string) => {
    await page.getByLabel("Password").fill(password);
    const answered = page.waitForResponse(
      (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login",
    );
    await page.getByRole("button", { name: "Log in" }).click();
    await answered;
  };
  for (let attempt = 0; attempt < 10; attempt++) {
    await logIn(`wrong password ${attempt}`);
    await expect(message).toHaveText(/Wrong password\.|Too many failed logins/);
  }
  await logIn(PASSWORD);
  await expect(message).toContainText("Too many failed logins: try again in");
  await expect(page).toHaveURL(/\/login/);
  expect((await context.cookies()).filter((cookie) => cookie.name === "ccw_session")).toEqual([]);
  await screenshot(page, "login-limit");
  // Scripts with a token are not locked out with the people.
  expect((await api.get("/api/jobs")).status()).toBe(200);
  await context.close();
});
