import { expect, type Page, test } from "@playwright/test";
import { DEMO_URL } from "../playwright.config";
import { BUNDLED_CLI_VERSION } from "../test/support/bundled-cli-version";
import { recordNotifications, screenshot, turnOnNotifications } from "./helpers";

test.use({ baseURL: DEMO_URL });

test("the demo's empty list says what to try, and the form's own example gets a script that works", async ({
  page,
}) => {
  await page.goto("/");
  const scenarios = page.getByTestId("demo-scenarios");
  await expect(scenarios).toContainText("a failure, with its cause and its fix");
  await screenshot(page, "demo-empty-list");
  await scenarios.getByRole("link", { name: "a file written by the real CLI" }).click();
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(
    "Write a Python script that prints the first 20 primes to primes.py",
  );
  await page.getByRole("button", { name: "Run job" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await page.getByRole("link", { name: "primes.py", exact: true }).click();
  await expect(page.getByTestId("file-preview")).toContainText("print(*primes(20))");
});

test("the demo runs the real Claude CLI: its tool call appears live, and the file it wrote opens", async ({
  page,
}) => {
  await page.goto("/jobs/new");
  await expect(page.getByTestId("demo-banner")).toContainText("a local demo model answers instead of Claude");
  await expect(page.getByTestId("system-status")).toContainText(
    `claude ${BUNDLED_CLI_VERSION} · bundled · API key`,
  );

  await page.getByLabel("Prompt", { exact: true }).fill("Write a haiku about queues mock:slow file:haiku.md");
  await page.getByRole("button", { name: "Run job" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-z]+$/);

  const state = page.getByTestId("job-state");
  const log = page.getByTestId("job-log");
  // The Write call shows while the CLI is still at work (its next command sleeps four seconds).
  await expect(log).toContainText("Write", { timeout: 30_000 });
  await expect(log).toContainText("haiku.md");
  await expect(state).toHaveAttribute("data-state", "active");
  await screenshot(page, "demo-live-tool-call");

  await expect(state).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(log).toContainText("Bash");
  await expect(page.getByTestId("result")).toHaveText("Done: I created haiku.md, slowly.");
  await screenshot(page, "demo-completed");

  await page.getByRole("link", { name: "haiku.md", exact: true }).click();
  const preview = page.getByTestId("file-preview");
  await expect(preview).toContainText("This file was written by the real Claude Code CLI");
  await expect(preview).toContainText("You asked: Write a haiku about queues");
  await screenshot(page, "demo-file-preview");
});

test("a tool refused by the permission mode shows as a warning on a completed job", async ({
  page,
  request,
}) => {
  const response = await request.post("/api/jobs", {
    data: { prompt: "mock:write file:refused.md", permissionMode: "default" },
  });
  const { id } = await response.json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  const warning = page.getByTestId("permission-denials");
  await expect(warning).toContainText(
    "The permission mode (default) refused 1 tool call: that work was not done.",
  );
  await expect(warning).toContainText("Write");
  await expect(warning).toContainText("refused.md");
  await expect(warning).toContainText("run it again with permission mode acceptEdits, or allow Write");
  await expect(page.getByText("No files yet.")).toBeVisible();
  await expect(warning.getByTestId("rules-to-allow")).toHaveText(
    "A new job with the same settings, and Write added to its allowed tools.",
  );
  await screenshot(page, "demo-permission-denied");

  // Run again with exactly that allowed: a new job, which writes the file.
  await warning.getByRole("button", { name: "Allow and run again" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/jobs/${id}$`));
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(page.getByTestId("permission-denials")).toHaveCount(0);
  await expect(page.getByTestId("job-file")).toHaveText([/^refused\.md/]);
  const again = await (await request.get(page.url().replace(/\/jobs\//, "/api/jobs/"))).json();
  expect(again.spec).toMatchObject({ permissionMode: "default", allowedTools: ["Write"] });
});

test("Follow up resumes the finished job's session as a new job, working beside its files", async ({
  page,
  request,
}) => {
  const { id } = await (
    await request.post("/api/jobs", { data: { prompt: "Start a story mock:write file:story.md" } })
  ).json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });

  await page.getByLabel("Follow up").fill("Now run a command mock:bash");
  await page.getByRole("button", { name: "Follow up" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/jobs/${id}$`));
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(page.getByTestId("result")).toHaveText("Done: the command wrote bash-output.txt.");
  // It ran where the first job did: both files are there.
  await expect(page.getByTestId("job-files")).toContainText("story.md");
  await expect(page.getByTestId("job-files")).toContainText("bash-output.txt");
  await screenshot(page, "demo-follow-up");
});

// Jobs that ask before tools run, after the tests above: they need the demo's list empty. What a job asks is what
// the real CLI asks.
async function askingJob(page: Page, command: string) {
  await page.goto("/jobs/new");
  await page.getByLabel("Prompt", { exact: true }).fill(`Run this mock:bash-run \`\`\`${command}\`\`\``);
  await page.getByLabel("Permission mode").selectOption("default");
  await page.getByLabel("Ask me before tools run").check();
  await page.getByRole("button", { name: "Run job" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-z]+$/);
  const request = page.getByTestId("job-request");
  await expect(request).toContainText("Claude wants to use Bash", { timeout: 30_000 });
  await expect(request).toContainText(command);
  await expect(page.getByTestId("job-state")).toHaveText("needs you");
  return request;
}

test("a job that asks waits for you: the command in full, then it runs once allowed", async ({ page }) => {
  const request = await askingJob(page, "echo approved > approved.txt");
  await expect(page).toHaveTitle(/ · needs you/);
  await screenshot(page, "approval-asked");
  // The list's row says so too.
  const jobPage = page.url();
  await page.goto("/");
  await expect(page.getByTestId("job-state").first()).toHaveText("needs you");
  await page.goto(jobPage);
  await request.getByRole("button", { name: "Allow once" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(page.getByTestId("job-request")).toHaveCount(0);
  const log = page.getByTestId("job-log");
  await expect(log.locator('[data-kind="request"]')).toHaveText(
    "Claude asks to use Bash: Run the given command.",
  );
  await expect(log.locator('[data-kind="request-answered"]')).toHaveText(
    "Allowed once by someone on the dashboard (no login).",
  );
  await expect(page.getByTestId("job-file")).toHaveText([/^approved\.txt/]);
});

test("two people answering at once: one answer is applied, and the other is told it came too late", async ({
  page,
  browser,
}) => {
  const request = await askingJob(page, "echo together > together.txt");
  const elsewhere = await browser.newContext();
  const second = await elsewhere.newPage();
  await second.goto(page.url());
  const secondRequest = second.getByTestId("job-request");
  await expect(secondRequest).toContainText("echo together > together.txt");
  await Promise.all([
    request.getByRole("button", { name: "Allow once" }).click(),
    secondRequest.getByRole("button", { name: "Refuse" }).click(),
  ]);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(second.getByTestId("job-state")).toHaveAttribute("data-state", "completed", {
    timeout: 30_000,
  });
  const answered = page.getByTestId("job-log").locator('[data-kind="request-answered"]');
  await expect(answered).toHaveCount(1);
  const applied = (await answered.textContent()) ?? "";
  // The one whose answer was not applied is told so, on their page; the other sees no such word.
  const [late, onTime] = applied.startsWith("Allowed") ? [second, page] : [page, second];
  await expect(late.getByTestId("answer-refused")).toContainText(
    "This request was answered already, by someone on the dashboard (no login): that answer is the one the job got.",
  );
  await expect(onTime.getByTestId("answer-refused")).toHaveCount(0);
  await screenshot(late, "approval-answered-late");
  await elsewhere.close();
});

test("refused with a word to Claude, the job goes on without the tool and its log says why", async ({
  page,
}) => {
  const request = await askingJob(page, "echo refused > refused.txt");
  await request.getByLabel("A word to Claude, if you refuse (optional)").fill("Not in this job, please.");
  await request.getByRole("button", { name: "Refuse" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(page.getByTestId("job-log").locator('[data-kind="request-answered"]')).toHaveText(
    "Refused by someone on the dashboard (no login): Not in this job, please.",
  );
  await expect(page.getByTestId("job-file")).toHaveCount(0);
  await screenshot(page, "approval-refused");
});

test("interrupted from the page, the job stops its turn and waits; a message sent then is its next turn", async ({
  page,
}) => {
  await askingJob(page, "echo never > never.txt");
  const form = page.getByRole("form", { name: "Message the job" });
  await form.getByRole("button", { name: "Interrupt this turn" }).click();
  const log = page.getByTestId("job-log");
  await expect(log.locator('[data-kind="interrupted"]')).toBeVisible();
  await expect(page.getByTestId("job-request")).toHaveCount(0);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "active");
  await form.getByLabel("Message Claude while it works").fill("mock:text");
  await form.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(log.locator('[data-kind="message"]')).toHaveText(
    "Message from someone on the dashboard (no login): mock:text",
  );
  await screenshot(page, "interrupted-then-message");
});

test("a question Claude asks shows with its options, and the answer goes back to it", async ({ page }) => {
  await page.goto(
    `/jobs/new?${new URLSearchParams({ prompt: "Help me set up the app mock:ask", permissionMode: "default", toolApprovals: "ask" })}`,
  );
  await expect(page.getByLabel("Ask me before tools run")).toBeChecked();
  await page.getByRole("button", { name: "Run job" }).click();
  const request = page.getByTestId("job-request");
  await expect(request).toContainText("Claude asks you", { timeout: 30_000 });
  await expect(request.getByRole("group", { name: "Which database should the app use?" })).toBeVisible();
  await request.getByLabel(/Postgres/).check();
  await screenshot(page, "question-asked");
  await request.getByRole("button", { name: "Answer" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(page.getByTestId("job-log").locator('[data-kind="request-answered"]')).toHaveText(
    "Answered by someone on the dashboard (no login).",
  );
  await expect(page.getByTestId("result")).toContainText("I'll build it on the database you chose.");
});

test("a job that starts waiting for you is announced where notifications are on, and counted in the list's title and icon", async ({
  page,
  context,
  request,
}) => {
  const notifications = await recordNotifications(context, page);
  await page.goto("/");
  await turnOnNotifications(page);

  const { id } = await (
    await request.post("/api/jobs", {
      data: {
        title: "Tidy the logs",
        prompt: "mock:bash-run ```echo tidy > tidy.txt```",
        permissionMode: "default",
        toolApprovals: "ask",
      },
    })
  ).json();
  await expect
    .poll(notifications, { timeout: 30_000 })
    .toEqual([{ title: "A job needs you", body: "Tidy the logs: Claude waits for your answer." }]);
  await expect(page).toHaveTitle(/^Jobs \(1 needs you, 1 running\)/);
  const badged = page.locator('link[rel="icon"][data-badge="needs-you"]');
  expect(decodeURIComponent((await badged.getAttribute("href")) ?? "")).toContain(">1</text>");
  await screenshot(page, "list-needs-you");

  const { requests } = await (await request.get(`/api/jobs/${id}/requests`)).json();
  await request.post(`/api/jobs/${id}/requests/${requests[0].requestId}`, { data: { decision: "deny" } });
  await expect(page).toHaveTitle(/^Jobs( \(1 running\))? · /);
  await expect(badged).toHaveCount(0, { timeout: 30_000 });
});
