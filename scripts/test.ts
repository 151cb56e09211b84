// `npm test`: every suite, in the order that fails fastest: lint, unit, integration (real Redis), then one
// production build shared by the browser tests (Debian's Chromium). Installs Redis and Chromium when missing.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureChromium } from "./lib/chromium";
import { ensureJobTools } from "./lib/job-tools";
import { ensureRedisServerBinary } from "./lib/redis-server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const results = path.join(root, "test-results");

function run(title: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  console.log(
    `=== ${title}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)}s ===`,
  );
  return result.status === 0;
}

function readJson(file: string): Record<string, unknown> | undefined {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

rmSync(results, { recursive: true, force: true });
ensureRedisServerBinary();
// The real-CLI tests then run jobs sandboxed, as `npm start` does where it can, and git keeps their history.
ensureJobTools();
const chromium = process.env.CHROMIUM_PATH ?? ensureChromium();

// Every suite runs even after another failed, so one run reports everything that is broken; only the browser
// tests need the build to have worked.
const lintOk = run("lint", bin("biome"), ["check", "."]);
const vitestOk = run("unit and integration tests (vitest)", bin("vitest"), ["run"]);
const buildOk = run(
  "production build",
  process.execPath,
  [path.join(root, "node_modules/next/dist/bin/next"), "build"],
  {
    NEXT_TELEMETRY_DISABLED: "1",
  },
);
const browserOk =
  buildOk && run("browser tests (playwright)", bin("playwright"), ["test"], { CHROMIUM_PATH: chromium });

const vitest = readJson(path.join(results, "vitest.json")) as
  | { numPassedTests?: number; numFailedTests?: number }
  | undefined;
const playwright = readJson(path.join(results, "playwright.json")) as
  | { stats?: { expected?: number; unexpected?: number; flaky?: number } }
  | undefined;
const passed =
  (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0);
// A suite can fail with no test failing (a file that does not load, an error thrown between tests, a lint
// finding), so the last line names each suite that failed: the end of a long log is all some readers see.
const failedSuites = Object.entries({
  lint: lintOk,
  "unit and integration tests": vitestOk,
  "production build": buildOk,
  "browser tests": browserOk,
})
  .filter(([, ok]) => !ok)
  .map(([title]) => title);
console.log(
  `\n${passed} passed, ${failed} failed${failedSuites.length ? `; failed: ${failedSuites.join(", ")}` : ""}`,
);
process.exit(failedSuites.length === 0 && failed === 0 ? 0 : 1);
