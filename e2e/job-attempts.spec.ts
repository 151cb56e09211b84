import { type APIRequestContext, expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

/** bull-board's own API, as its Pause and Resume buttons call it. */
const setQueuePaused = async (request: APIRequestContext, paused: boolean) =>
  expect((await request.put(`/admin/queues/api/queues/jobs/${paused ? "pause" : "resume"}`)).ok()).toBe(true);

test("a retried job that waits says which attempt it is, with the earlier one folded above, its lines kept", async ({
  page,
  request,
}) => {
  const { id } = await (
    await request.post("/api/jobs", { data: { prompt: "Break once scenario:fail", attempts: 1 } })
  ).json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "failed", { timeout: 30_000 });
  const log = page.getByTestId("job-log");
  await expect(log).toContainText("retry 2 of 2");

  await setQueuePaused(request, true);
  try {
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "waiting");
    await expect(page.getByTestId("attempt-status")).toHaveText("Attempt 2, waiting");
    // The first attempt's failure is history now: folded, not the page's red verdict, and not its stats.
    await expect(page.getByTestId("diagnosis")).toHaveCount(0);
    const earlier = page.getByTestId("earlier-attempts");
    await expect(earlier).toContainText("Attempt 1 failed: The API failed with a server error (500)");
    await expect(page.getByText("Turns:", { exact: true }).locator("..")).toHaveText("Turns:—");
    // Its lines stay in the log, folded above the attempt to come.
    await expect(log).toContainText("Attempt 1 failed");
    await log.getByRole("button", { name: /Show attempt 1/ }).click();
    await expect(log).toContainText("retry 2 of 2");
    await screenshot(page, "job-retry-waiting");
    // The list's row says it too.
    await page.goto("/");
    await expect(page.locator(`[data-job-id="${id}"]`).getByTestId("job-attempt")).toHaveText(
      "Attempt 2, waiting",
    );
    await page.goBack();
  } finally {
    await setQueuePaused(request, false);
  }
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "failed", { timeout: 30_000 });
  await expect(page.getByTestId("earlier-attempts")).toContainText("Attempt 1 failed");
  await expect(page.getByTestId("diagnosis")).toContainText("The API failed with a server error (500)");
});

test("a delayed job says when it will run, and Run now runs it at once", async ({ page, request }) => {
  const { id } = await (
    await request.post("/api/jobs", { data: { prompt: "Later file:later.txt", delaySeconds: 3 * 3600 } })
  ).json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "delayed");
  await expect(page.getByTestId("attempt-status")).toHaveText("Runs in 3 hours");
  await screenshot(page, "job-delayed");
  await page.goto("/");
  await expect(page.locator(`[data-job-id="${id}"]`).getByTestId("job-attempt")).toHaveText(
    "Runs in 3 hours",
  );
  await page.goBack();
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(page.getByTestId("attempt-status")).toHaveCount(0);
  await expect(page.getByTestId("job-files")).toContainText("later.txt");
});

test("a running job's page and row say what it does now, since when, and how far into its limits", async ({
  page,
  request,
}) => {
  const { id } = await (
    await request.post("/api/jobs", { data: { prompt: "scenario:sleep", maxTurns: 5, timeoutSeconds: 600 } })
  ).json();
  await page.goto(`/jobs/${id}`);
  const step = page.getByTestId("current-step");
  await expect(step).toContainText("Bash", { timeout: 20_000 });
  await expect(step).toContainText("sleep 300");
  await expect(step).toContainText(/for \d/);
  await expect(page.getByTestId("last-output")).toContainText(/last output .* ago/);
  await expect(page.getByRole("meter", { name: "Time" })).toHaveAttribute("aria-valuetext", /of 10m 00s$/);
  await expect(page.getByRole("meter", { name: "Turns" })).toHaveAttribute("aria-valuetext", "1 of 5");
  await screenshot(page, "job-live-progress");
  await page.goto("/");
  await expect(page.locator(`[data-job-id="${id}"] [data-testid="job-current-step"]`)).toHaveText(
    "Bash · sleep 300",
  );
  await request.post(`/api/jobs/${id}/cancel`);
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "cancelled", { timeout: 20_000 });
  await expect(page.getByTestId("live-progress")).toHaveCount(0);
});
