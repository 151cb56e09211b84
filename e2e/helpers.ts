import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";

/** Saves a full-page screenshot under test-results/screens, for a person to look at. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage });
}

export async function countJobs(request: APIRequestContext): Promise<number> {
  const response = await request.get("/api/jobs");
  return (await response.json()).counts.all;
}

/**
 * Grants notifications, and notes each one the page shows (the browser's own Notification, wrapped) where the test
 * can read it; call before the page loads. Returns a reader of the notes, in order.
 */
export async function recordNotifications(
  context: BrowserContext,
  page: Page,
): Promise<() => Promise<{ title: string; body?: string }[]>> {
  await context.grantPermissions(["notifications"]);
  await page.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    Object.assign(window, { shownNotifications: shown });
    const Browser = window.Notification;
    class Noted extends Browser {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body });
      }
    }
    Object.defineProperty(window, "Notification", { value: Noted, configurable: true });
  });
  return () =>
    page.evaluate(
      () =>
        (window as unknown as { shownNotifications: { title: string; body?: string }[] }).shownNotifications,
    );
}

/** Turns on the top bar's notifications (the browser already allows them). */
export async function turnOnNotifications(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Notify me when a job needs me" }).click();
  await page.getByRole("button", { name: /^Notifications on/ }).waitFor();
}
