import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

test("a schedule made on the New job form ticks, shows its runs, and is paused, edited and deleted from its page", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Schedules" }).click();
  await page.getByRole("link", { name: "New schedule" }).click();
  await expect(page.getByRole("heading", { name: "New schedule" })).toBeVisible();
  await expect(page.getByLabel("On a schedule")).toBeChecked();
  await page.getByLabel("Prompt", { exact: true }).fill("Write file:tick.txt");
  await page.getByLabel("Schedule name").fill("Ticker");
  // A cron expression that is none is refused beside its field, with what a good one looks like.
  await page.getByLabel("Cron (minute hour day month weekday)").fill("every minute");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByTestId("scheduleCron-error")).toContainText("A cron expression has five fields");
  await page.getByLabel("Cron (minute hour day month weekday)").fill("");
  await page.getByLabel("Or every (seconds)").fill("3600");
  await page.getByRole("button", { name: "Save schedule" }).click();

  await expect(page).toHaveURL(/\/schedules#s[0-9a-z]+$/);
  const schedule = page.getByTestId("schedule").filter({ hasText: "Ticker" });
  await expect(schedule.getByTestId("schedule-when")).toHaveText("every 1h 00m");
  await expect(schedule.getByTestId("schedule-next")).toContainText("Next run:");
  // Its first tick is at once: a job, which completes, and the page follows it.
  await expect(schedule.getByTestId("schedule-run-state").first()).toHaveAttribute(
    "data-state",
    "completed",
    {
      timeout: 30_000,
    },
  );
  await screenshot(page, "schedules");

  await schedule.getByRole("button", { name: "Pause" }).click();
  await expect(schedule.getByTestId("schedule-next")).toHaveText(
    "Paused by someone on the dashboard (no login).",
  );
  await schedule.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Schedule name")).toHaveValue("Ticker");
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("Write file:tick.txt");
  await page.getByLabel("Schedule name").fill("Ticker, renamed");
  await page.getByRole("button", { name: "Save the schedule" }).click();
  const renamed = page.getByTestId("schedule").filter({ hasText: "Ticker, renamed" });
  // Still paused: editing does not resume it.
  await expect(renamed.getByTestId("schedule-next")).toContainText("Paused by");
  await renamed.getByRole("button", { name: "Resume" }).click();
  await expect(renamed.getByTestId("schedule-next")).toContainText("Next run:");
  page.once("dialog", (dialog) => void dialog.accept());
  await renamed.getByRole("button", { name: "Delete" }).click();
  await expect(renamed).toHaveCount(0);
});

test("Schedule… on a finished job opens the form on a schedule, filled with the job's settings", async ({
  page,
  request,
}) => {
  const { id } = await (
    await request.post("/api/jobs", { data: { prompt: "Write file:weekly.txt", title: "Weekly report" } })
  ).json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 20_000 });
  await page.getByRole("link", { name: "Schedule…" }).click();
  await expect(page.getByLabel("On a schedule")).toBeChecked();
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("Write file:weekly.txt");
  await expect(page.getByLabel("Title (optional)")).toHaveValue("Weekly report");
});
