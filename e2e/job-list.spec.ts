import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

test("the list's tabs show live counts, and search finds jobs by title and prompt", async ({
  page,
  request,
}) => {
  await page.goto("/");
  const completedTab = page.getByTestId("tab-completed");
  const countOf = async () => Number((await completedTab.textContent())?.replace(/\D/g, ""));
  await expect(completedTab).toHaveText(/Completed \d+/);
  const before = await countOf();

  for (const data of [
    { prompt: "Write file:giraffe.txt about a tall friend", title: "Giraffe notes" },
    { prompt: "Write file:heron.txt about a patient bird" },
  ]) {
    expect((await request.post("/api/jobs", { data })).status()).toBe(201);
  }
  // Counted as they finish, without a reload.
  await expect.poll(countOf, { timeout: 20_000 }).toBe(before + 2);

  await completedTab.click();
  await expect(completedTab).toHaveAttribute("aria-selected", "true");
  const rows = page.getByTestId("job-row");
  await expect(rows.first().getByTestId("job-state")).toHaveAttribute("data-state", "completed");

  await page.getByLabel("Search jobs").fill("patient bird");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Write file:heron.txt about a patient bird");
  await page.getByLabel("Search jobs").fill("GIRAFFE NOTES");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Giraffe notes");
  // The tabs count what the search finds.
  await expect(page.getByTestId("tab-all")).toHaveText("All 1");
  await expect(completedTab).toHaveText("Completed 1");
  await expect(page.getByTestId("tab-failed")).toHaveText("Failed 0");
  await screenshot(page, "job-list-search");

  await page.getByTestId("tab-failed").click();
  await expect(page.getByText("No failed jobs matching “GIRAFFE NOTES”.")).toBeVisible();
});

test("the list pages through many jobs, keeps its page in the address, and a row menu deletes a job", async ({
  page,
  request,
}) => {
  const marker = `pagination-${Date.now()}`;
  const created = await request.post("/api/jobs?copies=20", {
    data: { prompt: `${marker} file:never.txt`, delaySeconds: 3600 },
  });
  const more = await request.post("/api/jobs?copies=20", {
    data: { prompt: `${marker} again file:never.txt`, delaySeconds: 3600 },
  });
  const third = await request.post("/api/jobs?copies=15", {
    data: { prompt: `${marker} once more file:never.txt`, delaySeconds: 3600 },
  });
  const ids: string[] = (
    await Promise.all([created, more, third].map(async (response) => (await response.json()).ids))
  ).flat();
  expect(ids).toHaveLength(55);

  await page.goto("/");
  await page.getByTestId("tab-delayed").click();
  await page.getByLabel("Search jobs").fill(marker);
  // The search has been applied (it waits for typing to settle).
  await expect(page).toHaveURL(new RegExp(`q=${marker}`));
  const rows = page.getByTestId("job-row");
  await expect(page.getByTestId("page-range")).toHaveText("1–50 of 55");
  await expect(rows).toHaveCount(50);
  // Newest first: the last job made leads the first page.
  await expect(rows.first()).toHaveAttribute("data-job-id", ids[54] as string);
  await page.getByRole("button", { name: "Older" }).click();
  await expect(page.getByTestId("page-range")).toHaveText("51–55 of 55");
  await expect(rows).toHaveCount(5);
  await expect(rows.last()).toHaveAttribute("data-job-id", ids[0] as string);
  await expect(page).toHaveURL(/[?&]page=2/);
  await page.reload();
  await expect(page.getByTestId("page-range")).toHaveText("51–55 of 55");
  await expect(page.getByLabel("Search jobs")).toHaveValue(marker);
  await screenshot(page, "job-list-page-2");

  // The row menu, by keyboard: open, move to Delete, choose it, confirm.
  const oldest = page.locator(`[data-testid="job-row"][data-job-id="${ids[0]}"]`);
  await oldest.getByRole("button", { name: /Actions for/ }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem")).toHaveText(["Open", "Run now", "Cancel", "Delete"]);
  await screenshot(page, "job-row-menu");
  page.once("dialog", (dialog) => dialog.accept());
  await page.keyboard.press("ArrowUp");
  await expect(menu.getByRole("menuitem", { name: "Delete" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(oldest).toHaveCount(0);
  await expect(page.getByTestId("page-range")).toHaveText("51–54 of 54");
  expect((await request.get(`/api/jobs/${ids[0]}`)).status()).toBe(404);

  for (const id of ids.slice(1)) expect((await request.delete(`/api/jobs/${id}`)).status()).toBe(204);
});

test("Delete on a job's page removes it with its files and goes back to the list", async ({
  page,
  request,
}) => {
  const { id } = await (await request.post("/api/jobs", { data: { prompt: "file:doomed.txt" } })).json();
  // From the list, whose rows are then cached in the page: the deleted one must not come back from there.
  await page.goto("/");
  await page.locator(`[data-testid="job-row"][data-job-id="${id}"] a`).first().click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${id}$`));
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 20_000 });
  await expect(page.getByTestId("job-files")).toContainText("doomed.txt");
  const askedAfterDelete: number[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === `/api/jobs/${id}`) askedAfterDelete.push(response.status());
  });
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Delete this job, its log and its files?");
    return dialog.accept();
  });
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator(`[data-testid="job-row"][data-job-id="${id}"]`)).toHaveCount(0);
  // The page went back at once: it did not ask for the deleted job again (and wait out retries of its 404).
  expect(askedAfterDelete).toEqual([]);
  expect((await request.get(`/api/jobs/${id}`)).status()).toBe(404);
  expect((await request.get(`/api/jobs/${id}/files/doomed.txt`)).status()).toBe(404);
});

test("jobs chosen in the list are cancelled, retried or deleted at once, after one question that says how many", async ({
  page,
  request,
}) => {
  const marker = `bulk-${Date.now()}`;
  const submit = async (data: Record<string, unknown>) =>
    (await (await request.post("/api/jobs", { data: { ...data, title: `${marker} ${data.title}` } })).json())
      .id as string;
  const waiting = [
    await submit({ title: "later 1", prompt: "Later", delaySeconds: 3600 }),
    await submit({ title: "later 2", prompt: "Later", delaySeconds: 3600 }),
  ];
  const running = await submit({ title: "hanging", prompt: "scenario:hang" });
  await expect
    .poll(async () => (await (await request.get(`/api/jobs/${running}`)).json()).state, { timeout: 20_000 })
    .toBe("active");
  await page.goto(`/?q=${marker}`);
  const rows = page.getByTestId("job-row");
  await expect(rows).toHaveCount(3);

  // Shift-click chooses the rows between: the first and the last make three.
  await rows.nth(0).getByRole("checkbox").click();
  await rows
    .nth(2)
    .getByRole("checkbox")
    .click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("selected-count")).toHaveText("3 jobs chosen");
  await screenshot(page, "job-list-bulk");
  let question = "";
  page.once("dialog", (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await page.getByRole("toolbar", { name: "Chosen jobs" }).getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("bulk-result")).toHaveText("3 jobs cancelled.");
  expect(question).toMatch(/^Cancel 3 jobs\? /);
  for (const id of [...waiting, running])
    await expect
      .poll(async () => (await (await request.get(`/api/jobs/${id}`)).json()).state, { timeout: 20_000 })
      .toBe("cancelled");

  // Retry all that failed: the failed ones, never the cancelled.
  const failed = [
    await submit({ title: "broken 1", prompt: "scenario:fail", attempts: 1 }),
    await submit({ title: "broken 2", prompt: "scenario:fail", attempts: 1 }),
  ];
  for (const id of failed)
    await expect
      .poll(async () => (await (await request.get(`/api/jobs/${id}`)).json()).state, { timeout: 20_000 })
      .toBe("failed");
  await page.getByTestId("tab-failed").click();
  await expect(rows).toHaveCount(2);
  page.once("dialog", (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Retry all 2 jobs that failed" }).click();
  await expect(page.getByTestId("bulk-result")).toHaveText("2 jobs retried.");
  expect(question).toContain("cancelled jobs are not among them");
  for (const id of waiting)
    expect((await (await request.get(`/api/jobs/${id}`)).json()).state).toBe("cancelled");

  // Everything of the search, chosen from the header, deleted.
  for (const id of failed)
    await expect
      .poll(async () => (await (await request.get(`/api/jobs/${id}`)).json()).state, { timeout: 20_000 })
      .toBe("failed");
  await page.getByTestId("tab-all").click();
  await expect(rows).toHaveCount(5);
  await page.getByRole("checkbox", { name: "Choose every job on this page" }).check();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("toolbar", { name: "Chosen jobs" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("bulk-result")).toHaveText("5 jobs deleted.");
  await expect(rows).toHaveCount(0);
});

test("filters, order and tags live in the address: a shared link shows the same view, and tags are edited on the job", async ({
  page,
  request,
}) => {
  const marker = `tagged-${Date.now()}`;
  const submit = async (data: Record<string, unknown>) =>
    (
      await (
        await request.post("/api/jobs", { data: { prompt: `${marker} Later`, delaySeconds: 3600, ...data } })
      ).json()
    ).id as string;
  const web = await submit({ title: `${marker} web`, tags: ["team-web"] });
  const api = await submit({ title: `${marker} api`, tags: ["team-api"] });

  await page.goto(`/?q=${marker}`);
  await expect(page.getByTestId("job-row")).toHaveCount(2);
  await page.getByText("Filters and order").click();
  await page.getByLabel("Tag", { exact: true }).fill("team-web");
  await expect(page).toHaveURL(new RegExp(`\\?q=${marker}&tag=team-web$`));
  await expect(page.getByTestId("job-row")).toHaveCount(1);
  await expect(page.getByTestId("job-row").getByTestId("job-tag")).toHaveText("team-web");
  await page.getByLabel("Order").selectOption("created:asc");
  await expect(page).toHaveURL(/order=asc/);
  await screenshot(page, "job-list-filters");

  // The same address in a fresh page: the same view, its filters open.
  const shared = page.url();
  await page.goto("about:blank");
  await page.goto(shared);
  await expect(page.getByTestId("job-row")).toHaveCount(1);
  await expect(page.getByLabel("Tag", { exact: true })).toHaveValue("team-web");

  // A tag added on the job's page is one the list finds it by.
  await page.goto(`/jobs/${api}`);
  await page.getByRole("button", { name: "Edit tags" }).click();
  await page.getByLabel("Tags", { exact: true }).fill("team-api, urgent");
  await page.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByTestId("job-tag")).toHaveText(["team-api", "urgent"]);
  await page.goto(`/?q=${marker}&tag=urgent`);
  await expect(page.getByTestId("job-row")).toHaveCount(1);
  await expect(page.getByTestId("job-row")).toHaveAttribute("data-job-id", api);
  for (const id of [web, api]) await request.post(`/api/jobs/${id}/cancel`);
});
