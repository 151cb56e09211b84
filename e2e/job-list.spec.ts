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
  await screenshot(page, "job-list-search");

  await page.getByTestId("tab-failed").click();
  await expect(page.getByText("No failed jobs matching “GIRAFFE NOTES”.")).toBeVisible();
});
