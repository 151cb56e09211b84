import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

test("a template saved from the form is fired by its own token, and by nothing else", async ({
  page,
  request,
}) => {
  await page.goto("/jobs/new?run=trigger");
  await expect(page.getByLabel("When a trigger fires it")).toBeChecked();
  await page.getByLabel("Prompt", { exact: true }).fill("Write file:triaged.txt");
  await page.getByLabel("Template name").fill("Triage a CI run");
  await page.getByRole("button", { name: "Save template" }).click();
  const made = page.getByTestId("made-template");
  await expect(made).toContainText("Template “Triage a CI run” saved");
  const token = (await made.getByTestId("template-token").textContent()) ?? "";
  expect(token).toMatch(/^ccwt_[0-9a-f]{64}$/);
  await screenshot(page, "template-saved");

  await page.goto("/settings/triggers");
  const listed = page.getByTestId("template").filter({ hasText: "Triage a CI run" });
  const fireUrl = ((await listed.locator("code").textContent()) ?? "").replace(/^POST /, "");
  const firePath = new URL(fireUrl).pathname;

  const refused = await request.post(firePath, { headers: { Authorization: "Bearer ccwt_not-it" } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toContain("No template takes this token");
  const fired = await request.post(firePath, {
    headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": "ci-run-77" },
    data: { text: "Run 77 failed." },
  });
  expect(fired.status()).toBe(201);
  const { id } = await fired.json();
  const again = await request.post(firePath, {
    headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": "ci-run-77" },
    data: { text: "Run 77 failed." },
  });
  expect(again.status()).toBe(200);
  expect((await again.json()).id).toBe(id);
  await expect
    .poll(async () => (await (await request.get(`/api/jobs/${id}`)).json()).state, { timeout: 20_000 })
    .toBe("completed");
  expect((await (await request.get(`/api/jobs/${id}`)).json()).spec.prompt).toBe(
    "Write file:triaged.txt\n\nRun 77 failed.",
  );

  page.once("dialog", (dialog) => void dialog.accept());
  await listed.getByRole("button", { name: "Delete" }).click();
  await expect(listed).toHaveCount(0);
  expect((await request.post(firePath, { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(
    401,
  );
});
