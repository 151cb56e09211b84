import "server-only";
import { z } from "zod";
import { getConfig } from "../config";
import { announceJobEvent } from "./announce-job-event";
import { getWebhookQueue } from "./webhook-queue";

export const testWebhookInputSchema = z.strictObject({
  receiver: z.coerce
    .number({ error: "Say which receiver to test, by its number on the Webhooks page" })
    .int()
    .min(0, { error: "Say which receiver to test, by its number on the Webhooks page" }),
});

export type TestWebhookResult = { ok: true; deliveryId: string } | { ok: false; status: 404; error: string };

/** Queues a signed `test` delivery to one receiver, with a job of its own making; the log shows how it went. */
export async function sendTestWebhook(receiver: number): Promise<TestWebhookResult> {
  const config = getConfig();
  const url = config.webhooks.urls[receiver];
  if (url === undefined)
    return {
      ok: false,
      status: 404,
      error: `There is no receiver ${receiver}: WEBHOOK_URLS has ${config.webhooks.urls.length}.`,
    };
  const [deliveryId] = await announceJobEvent(
    getWebhookQueue(),
    config,
    "test",
    { id: "test", spec: { title: "A test delivery", prompt: "" }, state: "completed" },
    [url],
  );
  return { ok: true, deliveryId: deliveryId as string };
}
