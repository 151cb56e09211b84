import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

/** Each page in both themes, checked by axe-core for text below WCAG AA contrast (4.5:1; 3:1 for large text). */
test("every text on the main pages reaches WCAG AA contrast, in light and in dark", async ({
  page,
  request,
}) => {
  const { id } = await (await request.post("/api/jobs", { data: { prompt: "scenario:workspace" } })).json();
  const found: string[] = [];
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const url of ["/", `/jobs/${id}`, "/jobs/new"]) {
      await page.goto(url);
      if (url === `/jobs/${id}`)
        await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", {
          timeout: 20_000,
        });
      const { violations } = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
      for (const violation of violations)
        for (const node of violation.nodes)
          found.push(`${theme} ${url}: ${node.target.join(" ")} (${node.any[0]?.message ?? violation.help})`);
    }
  }
  expect(found).toEqual([]);
});
