import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

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

  const call = log.getByRole("button", { name: /Bash\s+seq 1 60/ });
  await expect(call).toHaveAttribute("aria-expanded", "false");
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

  const denied = log.locator('[data-kind="permission-denied"]');
  await expect(denied).toContainText("Refused Write");
  await expect(denied).toHaveClass(/amber/);
  await screenshot(page, "log-conversation");

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
  // init, 100,000 lines, the result, and the end of the run.
  await expect(log).toHaveAttribute("data-entries", "100003");
  expect(await page.getByTestId("log-entry").count()).toBeLessThan(100);
  // Followed to the end.
  await expect(log.getByText("Result: Printed 100000 lines.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Follow", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );

  await page.getByLabel("Search the log").fill("Flood line 50000 of");
  await expect(page.getByTestId("log-matches")).toHaveText("1 of 1");
  await page.getByLabel("Search the log").press("Enter");
  await expect(log.locator("[data-current-match]")).toContainText("Flood line 50000 of 100000");
  await expect(page.getByRole("button", { name: "Follow", exact: true })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  await screenshot(page, "log-100k-search");

  await page.getByLabel("Search the log").fill("");
  await log.evaluate((element) => {
    element.scrollTop = 0;
  });
  await expect(log.getByText("Flood line 1 of 100000", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Jump to latest ↓" }).click();
  await expect(log.getByText("Result: Printed 100000 lines.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Follow", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
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
