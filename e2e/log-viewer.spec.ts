import { expect, type Locator, test } from "@playwright/test";
import { screenshot } from "./helpers";

/** Where an element sits in the log's scrolling box: what the reader sees move, whatever the page above does. */
const offsetInLog = (element: Locator) =>
  element.evaluate((node) => {
    const log = node.closest('[data-testid="job-log"]') as HTMLElement;
    return Math.round(node.getBoundingClientRect().top - log.getBoundingClientRect().top);
  });

test("the log reads as a conversation: Markdown, folded tool calls and results, highlighted refusals, raw JSON", async ({
  page,
}) => {
  const { id } = await (
    await page.request.post("/api/jobs", { data: { prompt: "scenario:workspace" } })
  ).json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  const log = page.getByTestId("job-log");

  await expect(log.getByRole("heading", { name: "Plan" })).toBeVisible();
  await expect(log.locator("strong", { hasText: "the code" })).toBeVisible();
  await expect(log.getByRole("table")).toContainText("src/app.ts");
  await expect(log.locator("pre code")).toContainText('greet("world");');
  // Highlighted by the language the block names.
  await expect(log.locator("pre code.language-ts .hljs-string")).toHaveText('"world"');

  const call = log.getByRole("button", { name: /Bash\s+seq 1 60/ });
  await expect(call).toHaveAttribute("aria-expanded", "false");
  // Each card has its tool's icon and how long the call took, by the CLI's own timestamps.
  await expect(call.locator("svg.lucide-terminal")).toHaveCount(1);
  await expect(call.getByTestId("tool-time")).toHaveText("1.5s");
  await expect(log.getByRole("button", { name: /^Write/ }).locator("svg.lucide-file-plus")).toHaveCount(1);
  await call.click();
  await expect(log).toContainText('"description": "Count to 60"');

  const result = log.getByRole("button", { name: /Result of Bash/ });
  await result.click();
  await expect(result).toContainText("60 lines");
  const showAll = log.getByRole("button", { name: /Show all \(60 lines/ });
  await expect(log.getByText(/^20$/)).toHaveCount(0);
  await expect(showAll).toBeVisible();
  await showAll.click();
  await expect(log.getByRole("button", { name: "Show less" })).toBeVisible();

  // Refusals are amber, a Bash one too, and the panel's advice follows from what was refused in acceptEdits.
  const denied = log.locator('[data-kind="permission-denied"]');
  await expect(denied).toHaveCount(2);
  await expect(denied.first()).toContainText("Refused Write");
  await expect(denied.nth(1)).toContainText("Refused Bash");
  for (const card of await denied.all()) await expect(card).toHaveClass(/amber/);
  const refusals = page.getByTestId("refusal");
  await expect(refusals.first()).toContainText(
    "/etc is outside the job's directory: add it under Extra directories",
  );
  await expect(refusals.nth(1)).toContainText(
    "Allow the command with the rule Bash(git push origin main) in Allowed tools",
  );
  await expect(page.getByTestId("permission-denials")).not.toContainText("permission mode acceptEdits");
  await screenshot(page, "log-conversation");
  await page.goto("/");
  await expect(page.locator(`[data-job-id="${id}"] [data-testid="refusal-mark"]`)).toHaveAttribute(
    "aria-label",
    "2 tool call(s) refused",
  );
  await page.goBack();

  // The search finds what the reader sees, not the JSON around it, and marks the words themselves.
  const search = page.getByLabel("Search the log");
  await search.fill("tool_use_id");
  await expect(page.getByTestId("log-matches")).toHaveText("no matches");
  await search.fill("list the files");
  await expect(page.getByTestId("log-matches")).toHaveText("1 of 1");
  await search.fill("seq 1 60");
  await expect
    .poll(() => page.evaluate(() => CSS.highlights.get("log-search")?.size ?? 0))
    .toBeGreaterThan(0);
  await search.fill("");

  const stderr = page.getByTestId("stderr");
  await stderr.getByText(/^stderr/).click();
  await expect(stderr).toContainText("[fake] a warning on stderr: the job page shows it");
  const whole = await page.request.get(`/api/jobs/${id}/stderr`);
  expect(await whole.text()).toBe("[fake] a warning on stderr: the job page shows it\n");

  await page.getByRole("button", { name: "Raw JSON" }).click();
  await expect(page.getByRole("button", { name: "Raw JSON" })).toHaveAttribute("aria-pressed", "true");
  await expect(log).toContainText('"subtype":"init"');
  await screenshot(page, "log-raw-json");
});

test("a log of 100,000 events renders only what is in view, searches all of it, and follows the end", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { id } = await (
    await page.request.post("/api/jobs", { data: { prompt: "scenario:flood events:100000" } })
  ).json();
  await page.goto(`/jobs/${id}`);
  const log = page.getByTestId("job-log");
  await expect(log).toHaveAttribute("data-done", "true", { timeout: 180_000 });
  // The worker's isolation note, init, 100,000 lines, the result, and the end of the run.
  await expect(log).toHaveAttribute("data-entries", "100004");
  expect(await page.getByTestId("log-entry").count()).toBeLessThan(100);
  // Followed to the end, and then nothing more to follow.
  await expect(log.getByText("Result: Printed 100000 lines.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Follow", exact: true })).toHaveCount(0);

  await page.getByLabel("Search the log").fill("Flood line 50000 of");
  await expect(page.getByTestId("log-matches")).toHaveText("1 of 1");
  await page.getByLabel("Search the log").press("Enter");
  await expect(log.locator("[data-current-match]")).toContainText("Flood line 50000 of 100000");
  await screenshot(page, "log-100k-search");

  await page.getByLabel("Search the log").fill("");
  await log.evaluate((element) => {
    element.scrollTop = 0;
  });
  await expect(log.getByText("Flood line 1 of 100000", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Jump to latest ↓" }).click();
  await expect(log.getByText("Result: Printed 100000 lines.")).toBeVisible();
  expect(await page.getByTestId("log-entry").count()).toBeLessThan(100);
});

test("a job whose MCP server did not start says which, that its tools were missing, and how to see why", async ({
  page,
}) => {
  const { id } = await (
    await page.request.post("/api/jobs", { data: { prompt: "scenario:success mcp:failed" } })
  ).json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  const problem = page.getByTestId("mcp-problem");
  await expect(problem).toContainText(
    "The MCP server docs failed to start or connect: its tools were not available to this job.",
  );
  await expect(problem).toContainText("claude -p hi --debug mcp");
  await expect(page.getByText("docs (failed, projectSettings)")).toBeVisible();
  await screenshot(page, "job-mcp-failed");
});

test("a finished job's log opens at its start, and opening a card never moves it", async ({ page }) => {
  const { id } = await (
    await page.request.post("/api/jobs", { data: { prompt: "scenario:workspace" } })
  ).json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await page.reload();
  const log = page.getByTestId("job-log");
  await expect(log).toHaveAttribute("data-done", "true");
  expect(await log.evaluate((element) => element.scrollTop)).toBe(0);
  await expect(page.getByRole("button", { name: "Follow", exact: true })).toHaveCount(0);

  const card = log.getByRole("button", { name: /Bash\s+seq 1 60/ });
  await card.scrollIntoViewIfNeeded();
  const before = await offsetInLog(card);
  await card.click();
  await log.getByRole("button", { name: /Result of Bash/ }).click();
  await expect(log).toContainText("60 lines");
  expect(await offsetInLog(card)).toBe(before);
});

test("while a job runs, opening a card stops following, so the card stays where it was", async ({ page }) => {
  const { id } = await (
    await page.request.post("/api/jobs", { data: { prompt: "scenario:slow turns:20" } })
  ).json();
  await page.goto(`/jobs/${id}`);
  const follow = page.getByRole("button", { name: "Follow", exact: true });
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  const log = page.getByTestId("job-log");
  const card = log.locator('[data-kind="tool-call"] button').first();
  await expect(card).toBeVisible({ timeout: 15_000 });
  const before = await offsetInLog(card);
  await card.click();
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  // More lines arrive, until the log is taller than its box: following would have scrolled the card away.
  await expect(async () =>
    expect(await log.evaluate((element) => element.scrollHeight - element.clientHeight)).toBeGreaterThan(100),
  ).toPass({ timeout: 20_000 });
  expect(await offsetInLog(card)).toBe(before);
  await page.request.post(`/api/jobs/${id}/cancel`);
});
