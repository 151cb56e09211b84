import { expect, type Page, test } from "@playwright/test";

/** Each line of a six-turn run of the fake CLI, which the log must show exactly once. */
async function expectEveryLineOnce(page: Page): Promise<void> {
  const log = page.getByTestId("job-log");
  // The log's search counts over every line it holds, rendered or not (only the rows in view are in the page).
  const search = page.getByLabel("Search the log");
  for (const text of [
    "I'll create resumed.txt now.",
    ...[2, 3, 4, 5, 6].map((turn) => `I'll create step-${turn}.txt now.`),
  ]) {
    await search.fill(text);
    await expect(page.getByTestId("log-matches")).toHaveText("1 of 1");
  }
  await search.fill("");
  await expect(log.getByText("Done: three files written.", { exact: true })).toHaveCount(1);
  await expect(log.locator('[data-kind="result"]')).toHaveCount(1);
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

test("a connection cut in the middle of an event resumes after the last whole one: nothing lost, nothing twice", async ({
  page,
}) => {
  const sentCursors: string[] = [];
  let cutAfter: string | undefined;
  await page.route("**/api/jobs/*/events", async (route) => {
    sentCursors.push(route.request().headers()["last-event-id"] ?? "");
    if (cutAfter !== undefined) return route.continue();
    // The e2e server ends each stream after 2 s, so the whole first response can be fetched, then cut short.
    const response = await route.fetch();
    const body = await response.text();
    const starts = [...body.matchAll(/^id: (\S+)\ndata: \{/gm)];
    const third = starts[2];
    if (third?.index === undefined) return route.fulfill({ response, body });
    cutAfter = starts[1]?.[1];
    // Half of the third event's line: its id is in, its data is not finished.
    return route.fulfill({ response, body: body.slice(0, third.index + third[0].length + 20) });
  });
  await startSlowJob(page);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expectEveryLineOnce(page);
  expect(cutAfter).toMatch(/^\d+-\d+$/);
  // The reconnect named the last whole event, not the half one.
  expect(sentCursors).toContain(cutAfter);
});
