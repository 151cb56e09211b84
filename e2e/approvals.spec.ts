import { expect, test } from "@playwright/test";
import { DEMO_URL } from "../playwright.config";
import { screenshot } from "./helpers";

// The demo runs the real CLI against the Messages-API double: what a job asks is what the CLI asks.
test.use({ baseURL: DEMO_URL });

async function askingJob(page: import("@playwright/test").Page, command: string) {
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
  await screenshot(page, "approval-asked");
  await request.getByRole("button", { name: "Allow once" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(page.getByTestId("job-request")).toHaveCount(0);
  const log = page.getByTestId("job-log");
  await expect(log.locator('[data-kind="request"]')).toHaveText(
    "Claude asks to use Bash: Run the given command.",
  );
  await expect(log.locator('[data-kind="request-answered"]')).toHaveText("Allowed once.");
  await expect(page.getByTestId("job-file")).toHaveText([/^approved\.txt/]);
});

test("refused with a word to Claude, the job goes on without the tool and its log says why", async ({
  page,
}) => {
  const request = await askingJob(page, "echo refused > refused.txt");
  await request.getByLabel("A word to Claude, if you refuse (optional)").fill("Not in this job, please.");
  await request.getByRole("button", { name: "Refuse" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(page.getByTestId("job-log").locator('[data-kind="request-answered"]')).toHaveText(
    "Refused: Not in this job, please.",
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
  await expect(log.locator('[data-kind="message"]')).toHaveText("You: mock:text");
  await screenshot(page, "interrupted-then-message");
});
