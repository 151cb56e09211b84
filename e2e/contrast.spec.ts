import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, test } from "@playwright/test";

const settled = (request: APIRequestContext, id: string) =>
  expect
    .poll(async () => (await (await request.get(`/api/jobs/${id}`)).json()).state, { timeout: 20_000 })
    .toBe("completed");

/**
 * Each page in both themes, on a desktop and on a phone (rows become cards there), checked by axe-core for text
 * below WCAG AA contrast (4.5:1; 3:1 for large text). A follow-up's page shows the thread too, and each job page
 * its diff.
 */
test("every text on the main pages reaches WCAG AA contrast, in light and in dark, on a desktop and a phone", async ({
  page,
  request,
}) => {
  // Sixteen pages, each checked element by element, the diffs' rows among them.
  test.setTimeout(180_000);
  const { id } = await (await request.post("/api/jobs", { data: { prompt: "scenario:workspace" } })).json();
  await settled(request, id);
  const followUp = (
    await (
      await request.post(`/api/jobs/${id}/follow-up`, { data: { prompt: "Go on file:more.txt" } })
    ).json()
  ).id;
  await settled(request, followUp);
  const found: string[] = [];
  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    for (const theme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: theme });
      const jobPages = [`/jobs/${id}`, `/jobs/${followUp}`];
      for (const url of [
        "/",
        ...jobPages,
        "/jobs/new",
        "/usage",
        "/settings/webhooks",
        "/schedules",
        "/workers",
      ]) {
        await page.goto(url);
        if (jobPages.includes(url)) {
          await expect(page.getByTestId("job-log")).toHaveAttribute("data-done", "true");
          // The diff's colours are the viewer's own: they are checked too, once it has drawn.
          await expect(page.getByTestId("diff").locator("tr[data-line]").first()).toBeVisible();
        }
        const { violations } = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
        for (const violation of violations)
          for (const node of violation.nodes)
            found.push(
              `${size.width}px ${theme} ${url}: ${node.target.join(" ")} (${node.any[0]?.message ?? violation.help})`,
            );
      }
    }
  }
  expect(found).toEqual([]);
});
