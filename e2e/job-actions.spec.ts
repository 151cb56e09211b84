import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

test("Retry runs a failed job again, keeping its earlier attempt's log", async ({ page, request }) => {
  const { id } = await (
    await request.post("/api/jobs", { data: { prompt: "Break scenario:fail", attempts: 1 } })
  ).json();
  await page.goto(`/jobs/${id}`);
  const state = page.getByTestId("job-state");
  await expect(state).toHaveAttribute("data-state", "failed", { timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  // Side by side, they say how they differ.
  await expect(page.getByRole("button", { name: "Retry" })).toHaveAttribute("title", /the same job/);
  await expect(page.getByRole("link", { name: "Run again" })).toHaveAttribute("title", /A new job/);

  await page.getByRole("button", { name: "Retry" }).click();
  await expect(state).not.toHaveAttribute("data-state", "failed");
  await expect(state).toHaveAttribute("data-state", "failed", { timeout: 20_000 });
  // Both attempts' lines: the log grows, it does not restart; the first attempt's are folded above the second's.
  const log = page.getByTestId("job-log");
  await expect(log.getByText("retry 2 of 2")).toHaveCount(1);
  await log.getByRole("button", { name: "Show attempt 1" }).click();
  await expect(log.getByText("retry 2 of 2")).toHaveCount(2);
  await screenshot(page, "job-retried");
});

test("Run again opens the form filled with the job's settings, and makes a new job", async ({
  page,
  request,
}) => {
  const { id } = await (
    await request.post("/api/jobs", {
      data: { prompt: "Copy me file:copy.txt", title: "Original", maxTurns: 7 },
    })
  ).json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 20_000 });

  await page.getByRole("link", { name: "Run again" }).click();
  await expect(page.getByTestId("run-again-note")).toContainText("A copy of “Original”");
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("Copy me file:copy.txt");
  await expect(page.getByLabel("Title (optional)")).toHaveValue("Original");
  await expect(page.getByLabel("Max turns")).toHaveValue("7");
  await page.getByLabel("Title (optional)").fill("The copy");
  await page.getByRole("button", { name: "Run job" }).click();

  await expect(page).toHaveURL(/\/jobs\/[0-9a-z]+$/);
  await expect(page).not.toHaveURL(new RegExp(`/jobs/${id}$`));
  await expect(page.getByRole("heading", { name: "The copy" })).toBeVisible();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 20_000 });
});
