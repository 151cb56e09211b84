import { existsSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { countJobs, screenshot } from "./helpers";

const root = process.env.E2E_ALLOWED_ROOT as string;

test("the directory picker offers only allowed folders, and N copies run there side by side", async ({
  page,
  request,
}) => {
  await page.goto("/jobs/new");
  const directory = page.getByLabel("Working directory");
  await expect(page.getByText(`Allowed: ${root}.`)).toBeVisible();
  const options = page.getByTestId("directory-suggestions").locator("option");
  await expect(options).toHaveCount(1);
  await expect(options).toHaveAttribute("value", root);

  await directory.fill(`${root}/`);
  await expect(options).toHaveCount(2);
  expect(
    await options.evaluateAll((all) => all.map((option) => (option as HTMLOptionElement).value)),
  ).toEqual([path.join(root, "api-server"), path.join(root, "web-app")]);
  expect(
    await options.evaluateAll((all) => all.map((option) => (option as HTMLOptionElement).label)),
  ).toEqual(["", "trusted"]);
  await directory.fill(path.join(root, "web-app"));
  await expect(page.getByTestId("directory-trust")).toHaveText(/^Trusted \(TRUSTED_ROOTS\)/);
  await directory.fill(path.join(root, "api-server"));
  await expect(page.getByTestId("directory-trust")).toHaveText(/^Not trusted: the job loads only your own/);
  await page.getByLabel("Prompt", { exact: true }).fill("Write file:copied.txt");
  await page.getByLabel("Title (optional)").fill("Copy of three");
  await page.getByLabel("Copies").fill("3");
  await screenshot(page, "new-job-copies");
  await page.getByRole("button", { name: "Run job" }).click();

  // Several jobs: the list shows them, each in the chosen folder.
  await expect(page).toHaveURL(/\/$/);
  await page.getByLabel("Search jobs").fill("Copy of three");
  const rows = page.getByTestId("job-row");
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) {
    await expect(row.getByTestId("job-state")).toHaveAttribute("data-state", "completed", {
      timeout: 30_000,
    });
    await expect(row.getByTestId("job-directory")).toHaveText(path.join(root, "api-server"));
  }
  expect(existsSync(path.join(root, "api-server", "copied.txt"))).toBe(true);
  await screenshot(page, "job-list-copies");

  const before = await countJobs(request);
  await page.goto("/jobs/new");
  await page.getByLabel("Prompt", { exact: true }).fill("Too many");
  await page.getByLabel("Copies").fill("50");
  await page.getByRole("button", { name: "Run job" }).click();
  await expect(page.getByTestId("copies-error")).toHaveText("At most 20 copies at once");
  expect(await countJobs(request)).toBe(before);
});
