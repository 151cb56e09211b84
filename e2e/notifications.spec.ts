import { expect, test } from "@playwright/test";
import { recordNotifications, turnOnNotifications } from "./helpers";

test("with notifications on, a job that completes, fails or is cancelled by someone else is announced; one cancelled here is not", async ({
  page,
  context,
  request,
}) => {
  const notifications = await recordNotifications(context, page);
  await page.goto("/");
  await turnOnNotifications(page);
  const mine = async () => (await notifications()).filter((shown) => / · notified$/.test(shown.title));
  const submit = async (data: Record<string, unknown>) =>
    (await (await request.post("/api/jobs", { data })).json()).id as string;

  await submit({ title: "Report · notified", prompt: "Write file:report.txt" });
  await submit({ title: "Broken · notified", prompt: "scenario:fail", attempts: 1 });
  const later = await submit({ title: "Later · notified", prompt: "Later", delaySeconds: 3600 });
  await request.post(`/api/jobs/${later}/cancel`);
  await expect
    .poll(async () => (await mine()).map((shown) => shown.title).sort(), { timeout: 30_000 })
    .toEqual(["Cancelled: Later · notified", "Completed: Report · notified", "Failed: Broken · notified"]);
  const shown = await mine();
  expect(shown.find((one) => one.title.startsWith("Cancelled"))?.body).toBe("Someone else cancelled it.");
  expect(shown.find((one) => one.title.startsWith("Failed"))?.body).toMatch(/\S/);

  // Cancelled from this browser (the list's row menu), it is no news here.
  await submit({ title: "Mine · notified", prompt: "Later", delaySeconds: 3600 });
  const row = page.getByTestId("job-row").filter({ hasText: "Mine · notified" });
  await row.getByRole("button", { name: "Actions for Mine · notified" }).click();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("menuitem", { name: "Cancel" }).click();
  await expect(row.getByTestId("job-state")).toHaveAttribute("data-state", "cancelled");
  // Its signal has come and gone (the list was read again after it): still nothing.
  await page.waitForTimeout(1500);
  expect((await mine()).map((one) => one.title)).not.toContain("Cancelled: Mine · notified");
});
