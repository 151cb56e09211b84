"use server";

import {
  sendTestWebhook,
  type TestWebhookResult,
  testWebhookInputSchema,
} from "@/lib/webhooks/send-test-webhook";

export async function sendTestWebhookAction(
  receiver: number,
): Promise<TestWebhookResult | { ok: false; error: string }> {
  const input = testWebhookInputSchema.safeParse({ receiver });
  if (!input.success) return { ok: false, error: input.error.issues[0]?.message ?? "Bad receiver" };
  return sendTestWebhook(input.data.receiver);
}
