import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

test("Cancel on a running job asks first, then stops it: it shows cancelled, with no Cancel left", async ({
  page,
  request,
}) => {
  const { id } = await (
    await request.post("/api/jobs", { data: { prompt: "Wait forever scenario:hang" } })
  ).json();
  await page.goto(`/jobs/${id}`);
  const state = page.getByTestId("job-state");
  await expect(state).toHaveAttribute("data-state", "active");
  await expect(page.getByTestId("job-log")).toContainText("Session");

  // Saying no to the question changes nothing.
  page.once("dialog", (dialog) => void dialog.dismiss());
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(state).toHaveAttribute("data-state", "active");

  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Claude stops where it is");
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(state).toHaveAttribute("data-state", "cancelled", { timeout: 20_000 });
  await expect(page.getByTestId("diagnosis")).toContainText(
    "The job was cancelled by a user before it finished.",
  );
  await expect(page.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  await screenshot(page, "job-cancelled");
});

test("a job cancelled mid-command ends its log with its last words, not a green result, and one stop", async ({
  page,
}) => {
  const { id } = await (await page.request.post("/api/jobs", { data: { prompt: "scenario:sleep" } })).json();
  await page.goto(`/jobs/${id}`);
  const log = page.getByTestId("job-log");
  await expect(log).toContainText("Still running: sleep 300");
  // The command's card says it runs, until its result comes.
  const time = log.locator('[data-kind="tool-call"]').getByTestId("tool-time");
  await expect(time).toHaveText("running");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "cancelled", { timeout: 20_000 });
  await expect(log).toHaveAttribute("data-done", "true");
  const result = log.locator('[data-kind="result"]');
  await expect(result).toHaveText("Last words before it was stopped: the answer above (2 turns, $0.0020)");
  await expect(log.getByText("Done sleeping.", { exact: true })).toHaveCount(1);
  await expect(result).not.toHaveClass(/green/);
  await expect(log.getByText("Command stopped: sleep 300")).toHaveCount(1);
  await expect(time).toHaveText(/^\d+(\.\d)?m?s$/);
  await screenshot(page, "job-cancelled-mid-command");
});

test("a waiting job cancelled through the API is cancelled at once, in the list too", async ({
  page,
  request,
}) => {
  const { id } = await (
    await request.post("/api/jobs", { data: { prompt: "Later file:later.txt", delaySeconds: 600 } })
  ).json();
  await page.goto("/");
  const row = page.locator(`[data-testid="job-row"][data-job-id="${id}"]`);
  await expect(row.getByTestId("job-state")).toHaveAttribute("data-state", "delayed");

  const response = await request.post(`/api/jobs/${id}/cancel`);
  expect(await response.json()).toEqual({ state: "cancelled" });
  await expect(row.getByTestId("job-state")).toHaveAttribute("data-state", "cancelled");

  const again = await request.post(`/api/jobs/${id}/cancel`);
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toBe("The job is already cancelled.");
});
