import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { screenshot } from "./helpers";

async function finishedJob(page: Page, url: string, prompt: string): Promise<string> {
  const response = await page.request.post(url, { data: { prompt } });
  expect(response.ok(), await response.text()).toBe(true);
  const { id } = await response.json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  return id;
}

test("the Changes view shows a follow-up's own changes: an edit, a rename, a binary, a deletion and a 10,000-line file", async ({
  page,
}) => {
  const first = await finishedJob(page, "/api/jobs", "scenario:workspace");
  const changes = page.getByRole("region", { name: "Changes" });
  // The first job's files are all new, the link out of the workspace among them (as a link: its target is its text).
  await expect(changes.getByTestId("changes-summary")).toContainText("8 files changed");

  const second = await finishedJob(page, `/api/jobs/${first}/follow-up`, "scenario:revise");
  await expect(changes.getByTestId("changes-summary")).toHaveText("5 files changed, +10001 −2");
  const files = changes.getByRole("list", { name: "Changed files" });
  await expect(files.getByRole("listitem")).toHaveText([
    /R \(renamed\)\s*docs\/notes\.md\s*\+0 −0/,
    /A \(added\)\s*generated\/table\.csv\s*\+10000 −0/,
    /M \(modified\)\s*logo\.png\s*binary/,
    /D \(deleted\)\s*page\.html\s*\+0 −1/,
    /M \(modified\)\s*src\/app\.ts\s*\+1 −1/,
  ]);
  const diff = changes.getByTestId("diff");
  await expect(diff.locator('[data-path="docs/notes.md"]')).toContainText("docs/readme.md → docs/notes.md");
  await expect(diff.locator('[data-path="docs/notes.md"]')).toContainText(
    "Renamed; its content is unchanged.",
  );
  await files.getByRole("button", { name: /logo\.png/ }).click();
  await expect(diff.locator('[data-path="logo.png"]')).toContainText("A binary file");
  // The deleted file's line, and the edit with the lines around it.
  await files.getByRole("button", { name: /page\.html/ }).click();
  const sliceOf = (name: string) => diff.locator(`[data-slice-of="${name}"]`);
  await expect(sliceOf("page.html")).toContainText('<h1 id="x">Hi</h1>');
  await files.getByRole("button", { name: /src\/app\.ts/ }).click();
  await expect(sliceOf("src/app.ts")).toContainText("Good morning");
  await expect(sliceOf("src/app.ts")).toContainText("Hello");
  await screenshot(page, "changes-unified");

  // Only what is in view is in the page: the 10,000 rows are drawn a slice at a time as they scroll in.
  const drawnRows = () => diff.getByText(/^row \d+,\d+$/).count();
  await files.getByRole("button", { name: /generated\/table\.csv/ }).click();
  await expect(sliceOf("generated/table.csv").first()).toContainText("row 1,0");
  expect(await drawnRows()).toBeLessThan(2000);
  await diff.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  await expect(sliceOf("generated/table.csv").last()).toContainText("row 10000,");
  expect(await drawnRows()).toBeLessThan(2000);

  await changes.getByRole("button", { name: "Split" }).click();
  await files.getByRole("button", { name: /src\/app\.ts/ }).click();
  await expect(sliceOf("src/app.ts")).toContainText("Good morning");
  await screenshot(page, "changes-split");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(sliceOf("src/app.ts")).toContainText("Good morning");
  await screenshot(page, "changes-phone-dark");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
  await changes.getByRole("button", { name: "Unified" }).click();

  // A comment on the changed line becomes a follow-up that quotes the file and the line.
  await files.getByRole("button", { name: /src\/app\.ts/ }).click();
  const changedLine = sliceOf("src/app.ts").locator("tr", { hasText: "Good morning" }).first();
  await changedLine.hover();
  await changedLine.locator(".diff-add-widget").first().click();
  await page.getByLabel("Comment on this line").fill("Say good evening after six.");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(diff.getByTestId("review-comment")).toHaveText(/Say good evening after six\./);
  const review = changes.getByRole("form", { name: "Review" });
  await expect(review).toContainText("1 comment on the changes");
  await review.getByLabel("A note for the whole review").fill("Then run the tests.");
  await screenshot(page, "changes-review");
  await review.getByRole("button", { name: "Send the review as a follow-up" }).click();

  await expect(page).not.toHaveURL(new RegExp(`/jobs/${second}$`));
  await expect(page).toHaveURL(/\/jobs\/[0-9a-z]+$/);
  const prompt = page.getByTestId("job-prompt");
  await expect(prompt).toContainText("src/app.ts, line 2:");
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the quoted line is TypeScript with a template literal
  await expect(prompt).toContainText("> return `Good morning, ${name}!`; // a greeting");
  await expect(prompt).toContainText("Say good evening after six.");
  await expect(prompt).toContainText("Then run the tests.");
});

test("a job in a directory of the user's that is not a repository says why it has no changes to show", async ({
  page,
}) => {
  const directory = path.join(process.env.E2E_ALLOWED_ROOT as string, "api-server");
  const response = await page.request.post("/api/jobs", {
    data: { prompt: "Write", workingDirectory: directory },
  });
  const { id } = await response.json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Changes" }).getByTestId("changes-unavailable")).toHaveText(
    `Job ${id} ran in ${directory}, a directory of yours that is not in a git repository: the dashboard keeps no history of it.`,
  );
});

test("a job in a git repository works on its own branch; its work is committed and merged from the page", async ({
  page,
}) => {
  const repo = path.join(process.env.E2E_ALLOWED_ROOT as string, "web-app", `shop-${Date.now()}`);
  mkdirSync(repo, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], {
      cwd: repo,
      encoding: "utf8",
    }).trim();
  git("init", "--quiet", "-b", "main");
  writeFileSync(path.join(repo, "README.md"), "# Shop\n");
  git("add", ".");
  git("commit", "--quiet", "-m", "The first commit");
  const head = git("rev-parse", "--short", "HEAD");

  await page.goto("/jobs/new");
  await page.getByLabel("Prompt", { exact: true }).fill("Add a feature file:feature.txt");
  // An edit of the owner's, not committed: the form says the job will not see it.
  writeFileSync(path.join(repo, "README.md"), "# Shop, being edited\n");
  await page.getByLabel("Working directory").fill(repo);
  await expect(page.getByTestId("git-base")).toContainText(`Empty: from main (${head} The first commit).`);
  await expect(page.getByTestId("git-uncommitted")).toContainText("the job starts from a commit");
  git("checkout", "--quiet", "--", "README.md");
  await screenshot(page, "git-job-form");
  await page.getByRole("button", { name: "Run job" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });

  await expect(page.getByTestId("job-branch")).toContainText(
    /ccw\/[0-9a-f]{8}-add-a-feature-file-feature-txt, from main/,
  );
  const branch = page.getByTestId("branch");
  await expect(branch.getByTestId("branch-state")).toHaveText("No commits yet; changes not committed");
  await expect(page.getByRole("list", { name: "Changed files" })).toHaveText(/feature\.txt/);
  // The Files panel shows the job's checkout: the repository's files and the job's, not git's.
  await expect(page.getByTestId("job-file")).toHaveText([/^feature\.txt/, /^README\.md/]);
  await branch.getByRole("button", { name: "Commit…" }).click();
  await expect(branch.getByLabel("Commit message")).not.toHaveValue("");
  await branch.getByLabel("Commit message").fill("Add the feature");
  await branch.getByRole("button", { name: /^Commit to ccw\// }).click();
  await expect(branch.getByRole("status")).toHaveText("Committed.");
  await expect(branch.getByTestId("branch-state")).toHaveText("1 commit");
  await expect(branch).toContainText("Add the feature");
  await screenshot(page, "git-job-committed");

  await branch.getByRole("button", { name: "Merge into main" }).click();
  await expect(branch.getByRole("status")).toHaveText("Merged into main.");
  expect(git("log", "-1", "--format=%s", "main")).toBe("Add the feature");
  expect(readFileSync(path.join(repo, "feature.txt"), "utf8")).toContain("Hello from the fake model");
  expect(git("status", "--porcelain")).toBe("");
});
