import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

test("a job submitted in the form runs live to completed, with its log and its file", async ({ page }) => {
  await page.goto("/jobs/new");
  await page
    .getByLabel("Prompt", { exact: true })
    .fill("Write a greeting to file:e2e-hello.txt scenario:slow");
  await page.getByLabel("Title (optional)").fill("Greeting in a file");
  await screenshot(page, "new-job-form");
  await page.getByRole("button", { name: "Run job" }).click();

  await expect(page).toHaveURL(/\/jobs\/[0-9a-z]+$/);
  const state = page.getByTestId("job-state");
  // Seen on its way, then done, without a reload.
  await expect(state).toHaveAttribute("data-state", /waiting|active/);
  await expect(page.getByTestId("job-log")).toContainText("Write", { timeout: 20_000 });
  await expect(state).toHaveAttribute("data-state", "active");
  await screenshot(page, "job-active");
  await expect(state).toHaveAttribute("data-state", "completed", { timeout: 30_000 });

  const log = page.getByTestId("job-log");
  await expect(log).toContainText("I'll create e2e-hello.txt now.");
  // The tool card names the file by its place in the job's directory, not by the whole absolute path.
  await expect(log.getByRole("button", { name: /^Write e2e-hello\.txt\b/ })).toBeVisible();
  // The answer once in the log: the result line that repeats it says so instead of printing it again.
  await expect(log.getByText("Done: three files written.", { exact: true })).toHaveCount(1);
  await expect(log.locator('[data-kind="result"]')).toHaveText("Result: the answer above (4 turns, $0.0040)");
  await expect(page.getByTestId("result")).toContainText("Done: three files written.");
  await expect(page.getByTestId("job-files")).toContainText("e2e-hello.txt");
  await screenshot(page, "job-completed");

  await page.getByRole("link", { name: "e2e-hello.txt", exact: true }).click();
  await expect(page.getByTestId("file-preview")).toHaveText("Hello from the fake model! (turn 1)\n");
});

test("the job list shows a new job and follows its state without a reload", async ({ page, request }) => {
  await page.goto("/");
  // A reload would lose this.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  const response = await request.post("/api/jobs", {
    data: { prompt: "List watch file:list.txt scenario:slow" },
  });
  expect(response.status()).toBe(201);
  const { id } = await response.json();

  const row = page.locator(`[data-testid="job-row"][data-job-id="${id}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("job-state")).toHaveAttribute("data-state", /waiting|active/);
  await expect(row.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(row).toContainText("$0.0040");
  // Started: a relative time; directory: the scratch workspace it ran in.
  await expect(row).toContainText(/(seconds? ago|now)/);
  await expect(row.getByTestId("job-directory")).toHaveText("scratch workspace");
  await screenshot(page, "job-list");
  expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);

  await row.getByRole("link").click();
  await expect(page.getByTestId("job-log")).toContainText("list.txt");
  await expect(page.getByTestId("job-files")).toContainText("list.txt");
});

test("a failing job ends failed and shows the CLI's error text with a diagnosis", async ({ page }) => {
  await page.goto("/jobs/new");
  await page.getByLabel("Prompt", { exact: true }).fill("This one breaks scenario:fail");
  await page.getByLabel("Prompt", { exact: true }).press("Control+Enter");

  await expect(page).toHaveURL(/\/jobs\/[0-9a-z]+$/);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "failed", { timeout: 30_000 });
  const diagnosis = page.getByTestId("diagnosis");
  await expect(diagnosis).toContainText("The API failed with a server error (500)");
  await expect(diagnosis).toContainText("API Error: 500 Internal server error (fake)");
  await expect(page.getByTestId("job-log")).toContainText("retry 2 of 2");
  await expect(page.getByText("API retries:")).toBeVisible();
  // The CLI calls an API failure a "success" with is_error: the log says Error, never the raw subtype, and does
  // not print the error a second time under the message that already says it.
  const log = page.getByTestId("job-log");
  await expect(log.locator('[data-kind="result"]').first()).toHaveText("Error: as above (1 turn, $0.0000)");
  await expect(log.locator('[data-kind="assistant"]').first()).toHaveText(
    "API Error: 500 Internal server error (fake)",
  );
  await screenshot(page, "job-failed");
});

test("a submit retried with the same Idempotency-Key makes one job; another body under that key is refused", async ({
  request,
}) => {
  const key = `e2e-${Date.now()}`;
  const send = (prompt: string) =>
    request.post("/api/jobs", {
      data: { prompt, delaySeconds: 3600 },
      headers: { "Idempotency-Key": key },
    });
  const first = await send("Once only");
  expect(first.status()).toBe(201);
  const { id } = await first.json();
  const again = await send("Once only");
  expect(again.status()).toBe(200);
  expect((await again.json()).id).toBe(id);
  const other = await send("Something else");
  expect(other.status()).toBe(409);
  expect((await other.json()).error).toContain("used within the day for another request");
  const bad = await request.post("/api/jobs", { data: { prompt: "x" }, headers: { "Idempotency-Key": "é" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toContain("1 to 200 visible ASCII characters");
  await request.post(`/api/jobs/${id}/cancel`);
});
