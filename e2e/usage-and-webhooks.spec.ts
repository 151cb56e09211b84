import { createServer, type IncomingHttpHeaders } from "node:http";
import { expect, test } from "@playwright/test";
import { webhookProblem } from "../lib/webhooks/sign-webhook";
import { E2E_WEBHOOK_SECRET, WEBHOOK_PORT } from "../playwright.config";
import { screenshot } from "./helpers";

test("the Usage page shows what the jobs so far cost, by day, model and directory", async ({
  page,
  request,
}) => {
  const { id } = await (
    await request.post("/api/jobs", { data: { prompt: "Write file:costly.txt" } })
  ).json();
  await expect
    .poll(async () => (await (await request.get(`/api/jobs/${id}`)).json()).state, { timeout: 20_000 })
    .toBe("completed");
  await page.goto("/usage");
  await expect(page.getByRole("heading", { name: "Usage" })).toBeVisible();
  await expect(page.getByTestId("usage-today")).toHaveText(/^\$\d+\.\d{2}$/);
  await expect(page.getByTestId("usage-by-model")).toContainText("claude-opus-4-8");
  await expect(page.getByTestId("usage-by-directory")).toContainText("scratch workspaces");
  await expect(page.getByTestId("usage-recent").getByRole("link", { name: id })).toBeVisible();
  await expect(page.getByTestId("usage-budget")).toContainText("None: set DAILY_BUDGET_USD");
  await page.getByRole("navigation", { name: "Range" }).getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/\/usage\?days=7$/);
  await expect(
    page.getByRole("list", { name: "Cost per day, the last 7 days" }).getByRole("listitem"),
  ).toHaveCount(7);
  await screenshot(page, "usage");
});

test("Settings → Webhooks lists deliveries, failed ones with why, and sends a signed test that arrives", async ({
  page,
}) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((incoming, response) => {
    let body = "";
    incoming.on("data", (chunk) => {
      body += chunk;
    });
    incoming.on("end", () => {
      received.push({ headers: incoming.headers, body });
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(WEBHOOK_PORT, "127.0.0.1", resolve));
  try {
    await page.goto("/");
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByRole("region", { name: "Receivers" })).toContainText(
      `http://127.0.0.1:${WEBHOOK_PORT}/hooks/…`,
    );
    // The jobs of the tests before ended while no receiver listened: those deliveries failed, and say why.
    await expect(page.getByTestId("delivery-error").first()).toContainText("Could not reach the receiver");

    await page.getByRole("button", { name: "Send a test" }).click();
    const test = page.getByTestId("webhook-delivery").filter({ hasText: "A test delivery" }).first();
    await expect(test.getByTestId("delivery-state")).toHaveText("delivered 200", { timeout: 20_000 });
    const [delivery] = received.filter((one) => one.headers["x-ccw-event"] === "test");
    expect(delivery).toBeDefined();
    expect(
      webhookProblem(
        E2E_WEBHOOK_SECRET,
        {
          signature: delivery?.headers["x-ccw-signature"] as string,
          timestamp: delivery?.headers["x-ccw-timestamp"] as string,
        },
        delivery?.body ?? "",
      ),
    ).toBeUndefined();
    await screenshot(page, "webhooks");
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
