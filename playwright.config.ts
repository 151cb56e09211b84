import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
// Loaded by the runner and again by each test worker: the first load picks the folder, the rest inherit it.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "ccw-e2e-"));

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
  webServer: {
    // The real launcher: its own Redis, the production build, the worker with the fake CLI.
    command: "node --conditions=react-server --import tsx scripts/start.ts",
    url: baseURL,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 30_000 },
    env: {
      ...(process.env as Record<string, string>),
      PORT: String(PORT),
      HOST: "127.0.0.1",
      REDIS_URL: "",
      DATA_DIR: process.env.E2E_DATA_DIR,
      CLAUDE_BIN: path.resolve("test/fixtures/fake-claude/claude"),
      SHUTDOWN_GRACE_SECONDS: "1",
    },
  },
});
