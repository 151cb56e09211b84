import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";
import { launch } from "./launch";

// A dashboard whose worker is told not to isolate jobs: every place that must say so, says so.
const PORT = 3107;
const base = `http://127.0.0.1:${PORT}`;

test.describe.configure({ mode: "serial" });

let launcher: ReturnType<typeof launch>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  launcher = launch({
    PORT: String(PORT),
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "ccw-unisolated-")),
    JOB_ISOLATION: "none",
    SHUTDOWN_GRACE_SECONDS: "1",
  });
  await expect.poll(launcher.output, { timeout: 150_000 }).toContain(`is running: ${base}`);
});

test.afterAll(async () => {
  launcher?.child.kill("SIGINT");
  await launcher?.exited;
});

test("jobs that are not isolated are said to be, on every page, on the form, on the job's page and in its log", async ({
  page,
}) => {
  await page.goto(`${base}/jobs/new`);
  const banner = page.getByTestId("health-banner");
  await expect(banner).toContainText("are not isolated: a job can read the dashboard's data");
  await expect(banner).toContainText("JOB_ISOLATION=none says so.");
  await expect(page.getByTestId("isolation-warning")).toContainText(
    "this job could read the dashboard's data",
  );
  await expect(page.getByTestId("system-status")).toContainText("jobs not isolated");
  await screenshot(page, "isolation-none-form");

  await page.getByLabel("Prompt", { exact: true }).fill("file:unisolated.txt");
  await page.getByRole("button", { name: "Run job" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 20_000 });
  await expect(page.getByText("Isolation:")).toBeVisible();
  await expect(page.getByText("none (can read the dashboard's data)")).toBeVisible();
  const note = page.getByTestId("job-log").locator('[data-kind="isolation"]');
  await expect(note).toHaveAttribute("data-level", "none");
  await expect(note).toContainText("not isolated: Jobs are not isolated");
  await screenshot(page, "isolation-none-job");

  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/jobs/new`);
  await expect(page.getByTestId("isolation-warning")).toBeVisible();
  await screenshot(page, "isolation-none-form-phone-dark");
});
