import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
/** Where the dashboard under test sends its webhooks, and what it signs them with. */
export const WEBHOOK_PORT = PORT + 9;
export const E2E_WEBHOOK_SECRET = "e2e-webhook-secret-0123456789";
/** `npm run demo`'s launcher, for the tests in e2e/demo.spec.ts. */
export const DEMO_URL = `http://127.0.0.1:${PORT + 3}`;
// Loaded by the runner and again by each test worker: the first load picks the folders, the rest inherit them.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "ccw-e2e-"));
process.env.E2E_DEMO_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "ccw-e2e-demo-"));
/** The one directory tree jobs may run in, with folders for the form's directory picker to offer. */
process.env.E2E_ALLOWED_ROOT ??= mkdtempSync(path.join(os.tmpdir(), "ccw-e2e-code-"));
for (const folder of ["api-server/src", "web-app"])
  mkdirSync(path.join(process.env.E2E_ALLOWED_ROOT, folder), { recursive: true });

const launcherEnv = {
  ...(process.env as Record<string, string>),
  HOST: "127.0.0.1",
  REDIS_URL: "",
  IS_SANDBOX: "",
  // Log streams end every 2 s, so every browser test that follows a log also resumes it from its cursor.
  SSE_MAX_SECONDS: "2",
  SHUTDOWN_GRACE_SECONDS: "1",
  // Automatic retries of retryable failures wait a second, not ten.
  RETRY_BACKOFF_SECONDS: "1",
};
const launcher = {
  timeout: 180_000,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  gracefulShutdown: { signal: "SIGINT" as const, timeout: 30_000 },
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // One dashboard, one Redis, two cores: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      // Playwright's own browser download cannot work offline: use Debian's Chromium.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-gpu",
      ],
    },
  },
  webServer: [
    {
      // The real launcher: its own Redis, the production build, the worker with the fake CLI.
      ...launcher,
      command: "node --conditions=react-server --import tsx scripts/start.ts",
      url: baseURL,
      env: {
        ...launcherEnv,
        PORT: String(PORT),
        DATA_DIR: process.env.E2E_DATA_DIR,
        ALLOWED_ROOTS: process.env.E2E_ALLOWED_ROOT,
        // One of its folders is trusted: the picker says which.
        TRUSTED_ROOTS: `${process.env.E2E_ALLOWED_ROOT}/web-app`,
        CLAUDE_BIN: path.resolve("test/fixtures/fake-claude/claude"),
        // Every job's end is delivered here: e2e/usage-and-webhooks.spec.ts listens; before it does, deliveries fail
        // and say so.
        WEBHOOK_URLS: `http://127.0.0.1:${WEBHOOK_PORT}/hooks/e2e`,
        WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
        WEBHOOK_ATTEMPTS: "2",
        WEBHOOK_BACKOFF_SECONDS: "1",
      },
    },
    {
      // The demo: the real bundled Claude CLI against the Messages-API double.
      ...launcher,
      command: "node --conditions=react-server --import tsx scripts/start.ts --demo",
      url: DEMO_URL,
      env: {
        ...launcherEnv,
        PORT: String(PORT + 3),
        DATA_DIR: process.env.E2E_DEMO_DATA_DIR,
        CLAUDE_BIN: "",
      },
    },
  ],
});
