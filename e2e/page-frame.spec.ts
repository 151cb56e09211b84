import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

test("the banners are in the server's first paint, so the page does not jump when it loads", async ({
  page,
  request,
}) => {
  // The test workers have no credentials: the health banner says so.
  const html = await (await request.get("/")).text();
  expect(html).toContain('data-testid="health-banner"');

  await page.goto("/");
  await expect(page.getByTestId("health-banner")).toBeVisible();
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        // Rows change as jobs do (one an earlier test left may finish meanwhile): that is the list being live. What
        // must not move is everything else: the banners, the header, the tabs.
        type Shift = PerformanceEntry & { value: number; sources?: { node: Node | null }[] };
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Shift[]) {
            const moved = (entry.sources ?? []).map((source) => source.node);
            if (
              moved.length > 0 &&
              moved.every(
                (node) => !node || (node instanceof Element ? node : node.parentElement)?.closest("table"),
              )
            )
              continue;
            total += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(total), 1500);
      }),
  );
  expect(shift).toBe(0);
});

test("an unknown job gets a page of ours that says why and leads back", async ({ page }) => {
  const response = await page.goto("/jobs/0000000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("it may have been deleted");
  await expect(page).toHaveTitle("No such job · Claude Code Worker");
  await screenshot(page, "not-found");
  await page.getByRole("link", { name: "Back to the jobs" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("each page's title says what it shows; a job's says its state, and follows it", async ({
  page,
  request,
}) => {
  await page.goto("/jobs/new");
  await expect(page).toHaveTitle("New job · Claude Code Worker");
  const { id } = await (
    await request.post("/api/jobs", { data: { prompt: "scenario:slow turns:2", title: "Titled job" } })
  ).json();
  await page.goto(`/jobs/${id}`);
  await expect(page).toHaveTitle(/^Titled job · (waiting|active) · Claude Code Worker$/);
  await expect(page).toHaveTitle("Titled job · completed · Claude Code Worker", { timeout: 20_000 });
  await page.goto("/");
  await expect(page).toHaveTitle("Jobs · Claude Code Worker");
});

test("while the list is out of sight, its title and icon count the failures since, until it is looked at again", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Jobs · Claude Code Worker");
  const setVisibility = (state: "hidden" | "visible") =>
    page.evaluate((value) => {
      Object.defineProperty(document, "visibilityState", { value, configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);
  await setVisibility("hidden");
  await request.post("/api/jobs", { data: { prompt: "scenario:fail", attempts: 1 } });
  await expect(page).toHaveTitle("Jobs (1 failed) · Claude Code Worker", { timeout: 20_000 });
  const badged = page.locator('link[rel="icon"][data-badge="failed"]');
  expect(decodeURIComponent((await badged.getAttribute("href")) ?? "")).toContain(">1</text>");

  await setVisibility("visible");
  await expect(page).toHaveTitle("Jobs · Claude Code Worker");
  await expect(badged).toHaveCount(0);
  await expect(page.locator('link[rel~="icon"]')).toHaveAttribute("href", /\/icon\.svg$/);
});

test("/favicon.ico, which browsers ask for unprompted, is our icon", async ({ request }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(await icon.text()).toContain("<svg");
});

test("a long untitled prompt wraps in the header, keeps the buttons in place, and shows in full on demand", async ({
  page,
  request,
}) => {
  const prompt = `${"Refactor the payment module so that every provider shares one retry policy ".repeat(8)}\nand then:\n- add tests\n- update the docs`;
  const { id } = await (await request.post("/api/jobs", { data: { prompt } })).json();
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/jobs/${id}`);
    // Measured once it has settled: its buttons change while it runs.
    await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", {
      timeout: 20_000,
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${width}`).toBeLessThanOrEqual(0);
    if (width === 1440) {
      const [badge, remove] = await Promise.all([
        page.getByTestId("job-state").boundingBox(),
        page.getByRole("button", { name: "Delete" }).boundingBox(),
      ]);
      expect(Math.abs((remove?.y ?? 0) - (badge?.y ?? 0))).toBeLessThan(12);
    }
    const shown = page.getByTestId("job-prompt");
    await expect(shown).toContainText("Refactor the payment module");
    await shown.getByRole("button", { name: "Show the whole prompt" }).click();
    await expect(shown).toContainText("- update the docs");
    await screenshot(page, `job-long-prompt-${width}`);
  }
});

test("Copy puts the session id and the result on the clipboard", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { id } = await (await request.post("/api/jobs", { data: { prompt: "file:copied.txt" } })).json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 20_000 });
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await page.getByRole("button", { name: "Copy the result" }).click();
  await expect(page.getByRole("button", { name: "Copy the result" })).toHaveText("Copied");
  expect(await clipboard()).toBe("Done: I created copied.txt.");
  await page.getByRole("button", { name: "Copy the session id" }).click();
  expect(await clipboard()).toMatch(/^[0-9a-f-]{36}$/);
});
