import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { screenshot } from "./helpers";

/** The file names a zip's central directory lists. */
function zipEntries(zip: Buffer): string[] {
  const names: string[] = [];
  for (let at = zip.indexOf("PK\x01\x02"); at !== -1; at = zip.indexOf("PK\x01\x02", at + 4)) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString("utf8"));
  }
  return names.sort();
}

async function workspaceJob(page: Page): Promise<string> {
  const response = await page.request.post("/api/jobs", {
    data: { prompt: "scenario:workspace", title: "Workspace" },
  });
  const { id } = await response.json();
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  return id;
}

test("the files view shows the workspace as a tree and previews text, code, images, big and binary files", async ({
  page,
}) => {
  const id = await workspaceJob(page);
  const tree = page.getByTestId("job-files");
  await expect(tree.getByText("src/")).toBeVisible();
  await expect(tree.getByText("docs/")).toBeVisible();
  await expect(page.getByTestId("job-file")).toHaveCount(7);
  await expect(page.getByTestId("job-file").filter({ hasText: "big.log" })).toContainText("KB");
  await screenshot(page, "files-tree");

  // Folders fold.
  await tree.getByText("src/").click();
  await expect(tree.getByRole("link", { name: "app.ts", exact: true })).toBeHidden();
  await tree.getByText("src/").click();

  await tree.getByRole("link", { name: "app.ts", exact: true }).click();
  await expect(page.getByRole("heading", { name: "src/app.ts" })).toBeVisible();
  await expect(page.getByText("TypeScript")).toBeVisible();
  await expect(page.getByTestId("file-preview").locator(".hljs-keyword").first()).toHaveText("export");
  await screenshot(page, "file-preview-code");

  // A name with a space, a percent sign and a hash opens, as it was written.
  await page.goto(`/jobs/${id}`);
  await tree.getByRole("link", { name: "plan 100% #1.txt", exact: true }).click();
  await expect(page.getByRole("heading", { name: "docs/plan 100% #1.txt" })).toBeVisible();
  await expect(page.getByTestId("file-preview")).toHaveText(
    "Spaces, a percent sign and a hash in the name.\n",
  );

  await page.goto(`/jobs/${id}/files/logo.png`);
  const image = page.getByRole("img", { name: "logo.png" });
  await expect(image).toBeVisible();
  expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(1);

  await page.goto(`/jobs/${id}/files/big.log`);
  await expect(page.getByRole("status")).toContainText("Showing the first 256.0 KB of");
  await expect(page.getByTestId("file-preview")).toContainText("line 1: xxx");
  await expect(page.getByTestId("file-preview")).not.toContainText("line 12000:");
  // The viewport only: the whole page of 6,000 lines takes Chromium many seconds to capture.
  await screenshot(page, "file-preview-big", { fullPage: false });

  await page.goto(`/jobs/${id}/files/data.bin`);
  await expect(page.getByText("This is a binary file (7 B)")).toBeVisible();

  // A job's HTML is shown as text: its script never runs in the dashboard.
  await page.goto(`/jobs/${id}/files/page.html`);
  await expect(page.getByTestId("file-preview")).toContainText('<script>document.title = "pwned"</script>');
  expect(await page.title()).not.toBe("pwned");
  const raw = await page.request.get(`/api/jobs/${id}/files/page.html`);
  expect(raw.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(raw.headers()["content-security-policy"]).toContain("sandbox");
});

test("one file or the whole workspace downloads", async ({ page }) => {
  const id = await workspaceJob(page);
  const [one] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download src/app.ts" }).click(),
  ]);
  expect(one.suggestedFilename()).toBe("app.ts");
  expect(readFileSync(await one.path(), "utf8")).toContain("export function greet");
  const [odd] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download docs/plan 100% #1.txt" }).click(),
  ]);
  expect(odd.suggestedFilename()).toBe("plan 100% #1.txt");
  expect(readFileSync(await odd.path(), "utf8")).toBe("Spaces, a percent sign and a hash in the name.\n");

  const [all] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download all (.zip)" }).click(),
  ]);
  expect(all.suggestedFilename()).toBe(`job-${id}-workspace.zip`);
  expect(zipEntries(readFileSync(await all.path()))).toEqual([
    "big.log",
    "data.bin",
    "docs/plan 100% #1.txt",
    "docs/readme.md",
    "logo.png",
    "page.html",
    "src/app.ts",
  ]);
});

test("a workspace swapped for a link to /etc shows, serves and zips nothing of /etc, and says why", async ({
  page,
}) => {
  const id = await workspaceJob(page);
  const jobDir = path.join(process.env.E2E_DATA_DIR as string, "jobs", id);
  renameSync(path.join(jobDir, "workspace"), path.join(jobDir, "workspace.orig"));
  symlinkSync("/etc", path.join(jobDir, "workspace"));

  for (const url of [`/api/jobs/${id}/files/passwd`, `/api/jobs/${id}/archive`]) {
    const response = await page.request.get(url);
    expect(response.status()).toBe(403);
    expect((await response.json()).error).toContain("workspace is a symbolic link (to /etc)");
  }
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("files-refused")).toContainText("Move the link away");
  await expect(page.getByTestId("job-files")).toHaveCount(0);
  await screenshot(page, "files-refused");
  await page.goto(`/jobs/${id}/files/passwd`);
  await expect(page.getByTestId("files-refused")).toContainText("workspace is a symbolic link (to /etc)");
  await expect(page.locator("body")).not.toContainText("root:x:0:0");
});

test("a job.json that names another folder as the job's cwd changes nothing of what is shown", async ({
  page,
}) => {
  const id = await workspaceJob(page);
  const dataDir = process.env.E2E_DATA_DIR as string;
  const elsewhere = `${path.basename(dataDir)}-elsewhere`;
  mkdirSync(path.resolve(dataDir, "..", elsewhere, "workspace"), { recursive: true });
  writeFileSync(path.resolve(dataDir, "..", elsewhere, "workspace", "stolen.txt"), "not the job's\n");
  const spec = path.join(dataDir, "jobs", id, "job.json");
  const record = JSON.parse(readFileSync(spec, "utf8"));
  writeFileSync(spec, JSON.stringify({ ...record, cwd: `${dataDir}/jobs/../../${elsewhere}/workspace` }));

  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-files")).toContainText("src/");
  await expect(page.getByTestId("job-files")).not.toContainText("stolen.txt");
  expect((await page.request.get(`/api/jobs/${id}/files/stolen.txt`)).status()).toBe(404);
});
