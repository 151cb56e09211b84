import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

test("bull-board shows our queue offline, and a job retried there runs again in our list", async ({
  page,
  context,
}) => {
  // A Content-Security-Policy that blocked its scripts or styles would show here.
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const outside: string[] = [];
  page.on("request", (request) => {
    const { hostname } = new URL(request.url());
    if (hostname !== "127.0.0.1" && hostname !== "localhost") outside.push(request.url());
  });

  // A job cancelled while it ran: failed in BullMQ, so bull-board offers Retry.
  const { id } = await (
    await page.request.post("/api/jobs", { data: { prompt: "scenario:slow turns:5 file:twice.txt" } })
  ).json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "active", { timeout: 20_000 });
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "cancelled", { timeout: 20_000 });

  // Our list, open beside bull-board, follows what happens there.
  const list = await context.newPage();
  await list.goto("/");
  const row = list.locator(`[data-testid="job-row"][data-job-id="${id}"]`);
  await expect(row.getByTestId("job-state")).toHaveAttribute("data-state", "cancelled");

  await page.goto("/");
  await page.getByRole("link", { name: "Queue", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/queues$/);
  const card = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Claude Code jobs" }) });
  await expect(card).toBeVisible();
  await expect(card).toContainText(/Failed\s*\d/i);
  // Its counts are the queue's: BullMQ's failed are our failed and cancelled jobs.
  const ours = (await (await page.request.get("/api/jobs")).json()).counts;
  const board = (await (await page.request.get("/admin/queues/api/queues")).json()).queues[0];
  expect([board.name, board.counts.failed, board.counts.completed]).toEqual([
    "jobs",
    ours.failed + ours.cancelled,
    ours.completed,
  ]);
  await screenshot(page, "bull-board-overview");
  // Rendered with its own fonts, served by us: nothing was asked of the internet.
  expect(await page.evaluate(() => document.fonts.check("16px 'IBM Plex Sans'"))).toBe(true);

  await page.goto(`/jobs/${id}`);
  await page.getByRole("link", { name: "Open in bull-board" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/queues/queue/jobs/${id}`));
  await expect(page.getByText(id).first()).toBeVisible();
  await screenshot(page, "bull-board-job");
  // bull-board's job actions are icon buttons without names: Retry is the one with the refresh icon, as its
  // tooltip says.
  const retry = page.locator('[class^="jobActions"] button:has(svg.lucide-refresh-cw)');
  await retry.hover();
  await expect(page.getByText("Retry", { exact: true })).toBeVisible();
  await retry.click();
  await page.getByRole("button", { name: "Confirm" }).click();

  await expect(row.getByTestId("job-state")).toHaveAttribute("data-state", /waiting|active/, {
    timeout: 20_000,
  });
  await expect(row.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await screenshot(list, "bull-board-retried-in-list");
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});

test("pausing the queue in bull-board shows in our dashboard at once, and resuming clears it", async ({
  page,
  context,
}) => {
  const dashboard = await context.newPage();
  await dashboard.goto("/");
  await expect(dashboard.getByText("The queue is paused")).toHaveCount(0);

  await page.goto("/admin/queues");
  const card = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Claude Code jobs" }) });
  // The card's menu: its first button, beside the queue's name.
  await card.getByRole("button").first().click();
  await screenshot(page, "bull-board-queue-menu");
  await page.getByRole("menuitem", { name: /^Pause/ }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(dashboard.getByTestId("health-banner")).toContainText("The queue is paused");
  await screenshot(dashboard, "queue-paused-banner");

  await card.getByRole("button").first().click();
  await page.getByRole("menuitem", { name: /^Resume/ }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(dashboard.getByText("The queue is paused")).toHaveCount(0);
});

test("bull-board leads back to the dashboard, says how its counts differ, and shows a job's error without our paths", async ({
  page,
  request,
}) => {
  const { id } = await (
    await request.post("/api/jobs", { data: { prompt: "Break scenario:fail", attempts: 1 } })
  ).json();
  await expect
    .poll(async () => (await (await request.get(`/api/jobs/${id}`)).json()).state, { timeout: 20_000 })
    .toBe("failed");
  const job = await (await request.get(`/admin/queues/api/queues/jobs/${id}`)).json();
  // Its one run's error, as the diagnosis says it: no stack of the worker's source files.
  expect(job.job.stacktrace).toEqual([
    "Error: The API failed with a server error (500) and the CLI's own retries ran out.",
  ]);

  await page.goto("/admin/queues");
  await page.getByRole("link", { name: "← Back to the dashboard" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByTestId("tab-cancelled").click();
  await expect(page.getByTestId("queue-count-note")).toContainText("counts cancelled jobs as failed");
});
