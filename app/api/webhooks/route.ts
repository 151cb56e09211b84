import { serviceError } from "@/lib/http";
import { getWebhooksView } from "@/lib/webhooks/list-deliveries";

export const dynamic = "force-dynamic";

/** The receivers (without their URLs' secret parts) and the last deliveries, newest first, with how each went. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(await getWebhooksView());
  } catch (error) {
    return serviceError(error);
  }
}
