import { expect, test } from "@playwright/test";
import { countJobs, screenshot } from "./helpers";

test("an empty prompt shows a field error and adds no job", async ({ page, request }) => {
  const before = await countJobs(request);
  await page.goto("/jobs/new");
  await page.getByLabel("Prompt", { exact: true }).fill("   ");
  await page.getByText("Advanced").click();
  await page.getByLabel("Max turns").fill("lots");
  await page.getByRole("button", { name: "Run job" }).click();

  await expect(page.getByTestId("prompt-error")).toHaveText("Write a prompt: tell Claude what to do");
  await expect(page.getByTestId("maxTurns-error")).toHaveText("Max turns must be a number");
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveAttribute("aria-invalid", "true");
  // What was typed is still there to correct.
  await expect(page.getByLabel("Max turns")).toHaveValue("lots");
  await expect(page).toHaveURL(/\/jobs\/new$/);
  await screenshot(page, "form-errors");
  expect(await countJobs(request)).toBe(before);
});

test("the form offers only what the server accepts: its limits and defaults beside their fields", async ({
  page,
  request,
}) => {
  const before = await countJobs(request);
  await page.goto("/jobs/new");
  // This server does not allow bypassPermissions: the form says so instead of offering it to refuse it later.
  const bypass = page.getByLabel("Permission mode").locator('option[value="bypassPermissions"]');
  await expect(bypass).toBeDisabled();
  await expect(bypass).toContainText("not allowed here: ALLOW_BYPASS_PERMISSIONS");
  await page.getByText("Advanced").click();
  const timeout = page.getByLabel(/^Timeout \(seconds, at most \d+\)$/);
  await expect(timeout).toHaveAttribute("placeholder", /^\d+$/);
  await expect(page.getByLabel("Attempts (for retryable failures)")).toHaveAttribute("placeholder", "3");
  const label = await page.locator('label[for="timeoutSeconds"]').textContent();
  const max = Number(/at most (\d+)/.exec(label ?? "")?.[1]);
  await timeout.fill(String(max + 1));
  await page.getByLabel("Prompt", { exact: true }).fill("Refactor the app");
  await page.getByLabel("Working directory").fill("/etc");
  await page.getByRole("button", { name: "Run job" }).click();
  await expect(page.getByTestId("workingDirectory-error")).toContainText("/etc is outside the allowed roots");
  await expect(page.getByTestId("timeoutSeconds-error")).toContainText(
    `at most ${max} seconds on this server`,
  );
  await expect(page.getByLabel("Working directory")).toHaveValue("/etc");
  await screenshot(page, "form-policy-errors");
  expect(await countJobs(request)).toBe(before);
});

test("without credentials the form says a job would fail, and suggests the demo", async ({ page }) => {
  // The test workers have no credentials.
  await page.goto("/jobs/new");
  await expect(page.getByTestId("no-credentials-warning")).toContainText("npm run demo");
});

test("a prompt in the address fills the form", async ({ page }) => {
  await page.goto(`/jobs/new?${new URLSearchParams({ prompt: "Count the files" })}`);
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("Count the files");
});

test("the API refuses a bad job with a clear message and adds nothing", async ({ request }) => {
  const before = await countJobs(request);
  const response = await request.post("/api/jobs", { data: { prompt: "", colour: "blue" } });
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body.fieldErrors.prompt).toBe("Write a prompt: tell Claude what to do");
  expect(body.fieldErrors.form).toContain("Unknown field colour");
  expect(await countJobs(request)).toBe(before);
});
