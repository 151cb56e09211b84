import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

test("the Workers page shows the worker, and drains and resumes it", async ({ page, request }) => {
  await page.goto("/");
  await page.getByTestId("system-status").click();
  await expect(page).toHaveURL(/\/workers$/);
  const worker = page.getByTestId("worker").first();
  await expect(worker).toContainText(/running \d+ of \d+ · claude /);
  const id = ((await worker.locator(".font-mono").first().textContent()) ?? "").trim();
  try {
    await worker.getByRole("button", { name: "Drain" }).click();
    await expect(worker.getByTestId("worker-draining")).toBeVisible({ timeout: 10_000 });
    await screenshot(page, "workers-draining");
    await worker.getByRole("button", { name: "Resume" }).click();
    await expect(worker.getByTestId("worker-draining")).toHaveCount(0, { timeout: 10_000 });
  } finally {
    await request.post(`/api/workers/${id}/resume`);
  }
});
