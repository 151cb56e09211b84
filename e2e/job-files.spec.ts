import { readFileSync } from "node:fs";
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
