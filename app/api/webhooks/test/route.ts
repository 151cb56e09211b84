import { jsonError, readJsonBody, serviceError } from "@/lib/http";
import { sendTestWebhook, testWebhookInputSchema } from "@/lib/webhooks/send-test-webhook";

export const dynamic = "force-dynamic";

/** Queues a signed `test` delivery to one receiver: `{"receiver": 0}` → `202 {"deliveryId"}`. */
export async function POST(request: Request): Promise<Response> {
  const json = await readJsonBody(request, '{"receiver": 0}');
  if (!json.ok) return json.response;
  const input = testWebhookInputSchema.safeParse(json.value);
  if (!input.success) return jsonError(400, input.error.issues[0]?.message ?? 'Send {"receiver": 0}');
  try {
    const result = await sendTestWebhook(input.data.receiver);
    return result.ok
      ? Response.json({ deliveryId: result.deliveryId }, { status: 202 })
      : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
