import { expect, type Page, test } from "@playwright/test";

/** Each line of a six-turn run of the fake CLI, which the log must show exactly once. */
async function expectEveryLineOnce(page: Page): Promise<void> {
  const log = page.getByTestId("job-log");
  await expect(log.getByText("I'll create resumed.txt now.")).toHaveCount(1);
  for (const turn of [2, 3, 4, 5, 6])
    await expect(log.getByText(`I'll create step-${turn}.txt now.`)).toHaveCount(1);
  await expect(log.getByText("Result: Done: three files written.")).toHaveCount(1);
}

async function startSlowJob(page: Page): Promise<void> {
  const response = await page.request.post("/api/jobs", {
    data: { prompt: "scenario:slow turns:6 file:resumed.txt" },
  });
  await page.goto(`/jobs/${(await response.json()).id}`);
  await expect(page.getByTestId("job-log")).toContainText("step-2.txt", { timeout: 20_000 });
}

// The e2e dashboard ends each log stream after 2 s (SSE_MAX_SECONDS), as a proxy or a flaky network would.
test("a dropped connection resumes the log from its cursor: nothing lost, nothing twice", async ({
  page,
}) => {
  const streams: Promise<string>[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/events")) {
      streams.push(request.allHeaders().then((headers) => headers["last-event-id"] ?? ""));
    }
  });
  await startSlowJob(page);

  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expectEveryLineOnce(page);
  // It did reconnect, sending the id of the last line it had.
  const cursors = await Promise.all(streams);
  expect(cursors.filter((id) => /^\d+-\d+$/.test(id)).length).toBeGreaterThanOrEqual(1);
});

test("a reload mid-run shows the whole log again, once", async ({ page }) => {
  await startSlowJob(page);
  await page.reload();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expectEveryLineOnce(page);
});
