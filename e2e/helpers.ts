import type { APIRequestContext, Page } from "@playwright/test";

/** Saves a full-page screenshot under test-results/screens, for a person to look at. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage });
}

export async function countJobs(request: APIRequestContext): Promise<number> {
  const response = await request.get("/api/jobs");
  return (await response.json()).counts.all;
}
