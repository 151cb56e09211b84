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

test("follow-ups read as one thread: each turn's prompt, answer and log in order, every turn linked", async ({
  page,
  request,
}) => {
  const settled = (id: string) =>
    expect
      .poll(async () => (await (await request.get(`/api/jobs/${id}`)).json()).state, { timeout: 20_000 })
      .toBe("completed");
  const first = (await (await request.post("/api/jobs", { data: { prompt: "Begin file:one.txt" } })).json())
    .id;
  await settled(first);
  const followUp = async (parent: string, prompt: string) => {
    const response = await request.post(`/api/jobs/${parent}/follow-up`, { data: { prompt } });
    expect(response.status()).toBe(201);
    const { id } = await response.json();
    await settled(id);
    return id as string;
  };
  const second = await followUp(first, "Go on file:two.txt");
  const third = await followUp(second, "And finish file:three.txt");

  await page.goto(`/jobs/${third}`);
  const thread = page.getByTestId("job-thread");
  await expect(thread.getByRole("heading")).toHaveText("Conversation · turn 3 of 3");
  const turns = thread.getByTestId("thread-turn");
  await expect(turns).toHaveCount(2);
  await expect(turns.nth(0).getByRole("link")).toHaveText("Begin file:one.txt");
  await expect(turns.nth(0).getByTestId("turn-answer")).toHaveText("Done: I created one.txt.");
  await expect(turns.nth(1).getByRole("link")).toHaveText("Go on file:two.txt");
  await expect(turns.nth(1).getByTestId("turn-answer")).toHaveText("Done: I created two.txt.");
  // An earlier turn's log opens in place.
  await turns.nth(0).getByRole("button", { name: "Show its log" }).click();
  await expect(turns.nth(0).getByTestId("job-log")).toContainText("one.txt");
  await screenshot(page, "job-thread");

  // The parent is a link, by its title; the parent lists its follow-up.
  await page.getByRole("link", { name: "Go on file:two.txt" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${second}$`));
  await expect(page.getByTestId("follow-ups")).toContainText("1 follow-up continues from here");
  await expect(page.getByTestId("follow-ups").getByRole("link")).toHaveText("And finish file:three.txt");

  // Refusing to delete it names the follow-up that keeps it, as a link.
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "delete it first" });
  await expect(refusal).toContainText("1 follow-up of this job runs in its working directory");
  await refusal.getByRole("link", { name: third }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${third}$`));
});
