import { expect, test } from "@playwright/test";
import { countJobs, screenshot } from "./helpers";

test("an empty prompt shows a field error and adds no job", async ({ page, request }) => {
  const before = await countJobs(request);
  await page.goto("/jobs/new");
  await page.getByLabel("Prompt").fill("   ");
  await page.getByLabel("Max turns (optional)").fill("lots");
  await page.getByRole("button", { name: "Run job" }).click();

  await expect(page.getByTestId("prompt-error")).toHaveText("Write a prompt: tell Claude what to do");
  await expect(page.getByTestId("maxTurns-error")).toHaveText("Max turns must be a number");
  await expect(page.getByLabel("Prompt")).toHaveAttribute("aria-invalid", "true");
  // What was typed is still there to correct.
  await expect(page.getByLabel("Max turns (optional)")).toHaveValue("lots");
  await expect(page).toHaveURL(/\/jobs\/new$/);
  await screenshot(page, "form-errors");
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
