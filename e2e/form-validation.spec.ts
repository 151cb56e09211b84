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

test("the server's own limits show beside their fields: directories outside ALLOWED_ROOTS, bypassPermissions", async ({
  page,
  request,
}) => {
  const before = await countJobs(request);
  await page.goto("/jobs/new");
  await page.getByLabel("Prompt", { exact: true }).fill("Refactor the app");
  await page.getByLabel("Working directory").fill("/etc");
  await page.getByLabel("Permission mode").selectOption("bypassPermissions");
  // The workers run as this test's user, without IS_SANDBOX: as root, the form says what the CLI would do.
  const warning = page.getByTestId("bypass-root-warning");
  if (process.getuid?.() === 0) await expect(warning).toContainText("unless the worker has IS_SANDBOX=1");
  else await expect(warning).toHaveCount(0);
  await page.getByRole("button", { name: "Run job" }).click();
  await expect(page.getByTestId("workingDirectory-error")).toContainText("/etc is outside the allowed roots");
  await expect(page.getByTestId("permissionMode-error")).toContainText("this server does not allow it");
  // What was chosen is still chosen, to correct.
  await expect(page.getByLabel("Permission mode")).toHaveValue("bypassPermissions");
  await expect(page.getByLabel("Working directory")).toHaveValue("/etc");
  await screenshot(page, "form-policy-errors");
  expect(await countJobs(request)).toBe(before);
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
