import { expect, type Page, test } from "@playwright/test";
import { screenshot } from "./helpers";

/** Controls a screen reader would announce without a name: the accessible name is computed roughly as browsers do. */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        "a[href], button, input, select, textarea, [role=tab], [tabindex]",
      ),
    ]
      .filter((element) => {
        if (element.closest("[hidden]") || (element as HTMLInputElement).type === "hidden") return false;
        const labelledBy = element.getAttribute("aria-labelledby");
        const name =
          element.getAttribute("aria-label") ??
          (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ??
          ((element as HTMLInputElement).labels?.[0]?.textContent || null) ??
          (element.textContent?.trim() || element.getAttribute("title"));
        return !name?.trim();
      })
      .map((element) => element.outerHTML.slice(0, 120)),
  );
}

test("every control has an accessible name on each page, and no page logs an error", async ({
  page,
  request,
}) => {
  // A hydration mismatch (a time rendered by the server's clock, say) makes React render the page again from
  // scratch, which also wipes what the theme script set: it must not happen.
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const { id } = await (await request.post("/api/jobs", { data: { prompt: "scenario:workspace" } })).json();
  for (const url of [
    "/",
    "/jobs/new",
    `/jobs/${id}`,
    `/jobs/${id}/files/src/app.ts`,
    "/usage",
    "/settings/webhooks",
    "/schedules",
    "/api-reference",
    "/workers",
    "/settings/triggers",
  ]) {
    await page.goto(url);
    if (url === `/jobs/${id}`)
      await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", {
        timeout: 20_000,
      });
    expect(await unnamedControls(page), url).toEqual([]);
  }
  // The browser's clock a few seconds ahead of the server's: relative times differ between the two renderings.
  await page.clock.setFixedTime(Date.now() + 2500);
  await page.goto("/");
  await expect(page.getByTestId("job-row").first()).toBeVisible();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed");
  expect(errors).toEqual([]);
});

test("the theme switches between system, light and dark, and a reload keeps it", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: /^Theme:/ });
  await expect(toggle).toHaveAccessibleName("Theme: System. Switch to Light");
  await expect(html).not.toHaveClass(/dark/);
  await toggle.click();
  await expect(toggle).toHaveAccessibleName("Theme: Light. Switch to Dark");
  await toggle.click();
  await expect(html).toHaveClass(/dark/);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).not.toBe("rgb(255, 255, 255)");
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await screenshot(page, "theme-dark");
  // System follows the operating system's setting.
  await page.getByRole("button", { name: /^Theme:/ }).click();
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(html).toHaveClass(/dark/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html).not.toHaveClass(/dark/);
});

test("the health banner says what is wrong and how to fix it", async ({ page }) => {
  await page.goto("/");
  // No password on 127.0.0.1: open, and the top bar says so.
  await expect(page.getByText("Open access", { exact: true })).toHaveAttribute(
    "title",
    /from this machine only/,
  );
  // The real system: a worker with the fake CLI, which has no credentials.
  await expect(page.getByTestId("health-banner")).toContainText("has no credentials");
  await expect(page.getByTestId("health-banner")).toContainText("ANTHROPIC_API_KEY");

  const real = await (await page.request.get("/api/status")).json();
  const missingCli = real.workers.map((worker: { cli: object }) => ({
    ...worker,
    cli: { ...worker.cli, version: null, problem: "spawn claude ENOENT" },
  }));
  const cases = [
    [
      { redis: { ok: false, error: "connect ECONNREFUSED" }, queueWorkers: 0, workers: [] },
      "Redis is unreachable",
    ],
    [{ redis: { ok: true, error: null }, queueWorkers: 0, workers: [] }, "No worker is online"],
    [{ ...real, workers: missingCli }, "The Claude CLI cannot run on 1 of 1 worker: spawn claude ENOENT"],
  ] as const;
  for (const [status, text] of cases) {
    await page.route("/api/status", (route) => route.fulfill({ json: { allowedRoots: [], ...status } }));
    await page.reload();
    await expect(page.getByTestId("health-banner")).toContainText(text);
    await expect(page.getByTestId("health-banner").locator("[data-level=down]")).toHaveCount(1);
    await page.unroute("/api/status");
  }
  await screenshot(page, "health-no-worker");
});

test("at a phone's width the list, a job and the form fit without sideways scrolling", async ({
  page,
  request,
}) => {
  const { id } = await (await request.post("/api/jobs", { data: { prompt: "scenario:workspace" } })).json();
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [url, name] of [
    ["/", "phone-list"],
    [`/jobs/${id}`, "phone-job"],
    ["/jobs/new", "phone-form"],
    ["/usage", "phone-usage"],
    ["/settings/webhooks", "phone-webhooks"],
  ] as const) {
    await page.goto(url);
    if (name === "phone-job")
      await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", {
        timeout: 20_000,
      });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, url).toBeLessThanOrEqual(0);
    // The header keeps to one line, with the health dot in it.
    const brand = await page.getByRole("link", { name: "Claude Code Worker" }).boundingBox();
    expect(brand?.height, url).toBeLessThan(30);
    await expect(page.getByTestId("system-status"), url).toBeVisible();
    // Long ids and paths wrap where they must; words are never split in the middle ("st / arted").
    const splitting = await page.evaluate(
      () =>
        [...document.querySelectorAll("body *")].filter(
          (node) => getComputedStyle(node).wordBreak === "break-all",
        ).length,
    );
    expect(splitting, url).toBe(0);
    await screenshot(page, name);
    if (name === "phone-list") {
      // Rows are cards: the whole title shows, and the row menu is a target a thumb can hit.
      const menu = await page
        .getByRole("button", { name: /Actions for/ })
        .first()
        .boundingBox();
      expect(menu?.width).toBeGreaterThanOrEqual(44);
      expect(menu?.height).toBeGreaterThanOrEqual(44);
      await expect(page.locator("thead")).toBeHidden();
    }
  }
});

test("the keyboard reaches the list, opens a job and submits a form with Ctrl+Enter", async ({ page }) => {
  await page.goto("/jobs/new");
  await expect(page.getByLabel("Prompt", { exact: true })).toBeFocused();
  await page.keyboard.type("Write file:keyboard.txt");
  await page.keyboard.press("Control+Enter");
  await expect(page).toHaveURL(/\/jobs\/[0-9a-z]+$/);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 20_000 });

  await page.goto("/");
  // The first Tab reaches a skip link past the header; then the state tabs are one stop, moved by the arrows.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("tab-all")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("tab-active")).toBeFocused();
  await expect(page.getByTestId("tab-active")).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Home");
  await expect(page.getByTestId("tab-all")).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Search jobs")).toBeFocused();
  await page.keyboard.type("keyboard.txt");
  await expect(page.getByTestId("job-row")).toHaveCount(1);
  // Then the folded filters, and the boxes that choose jobs: Space chooses, as it does any box.
  await page.keyboard.press("Tab");
  await expect(page.getByText("Filters and order")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("checkbox", { name: "Choose every job on this page" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("selected-count")).toHaveText("1 job chosen");
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("job-row").getByRole("link")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/jobs\/[0-9a-z]+$/);
});
