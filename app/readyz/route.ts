import { getQueueRedis } from "@/lib/queue";

export const dynamic = "force-dynamic";

/** Whether this web process can serve: its Redis answers. 503 with the reason when not, for a load balancer. */
export async function GET(): Promise<Response> {
  try {
    await getQueueRedis().ping();
    return Response.json({ ok: true });
  } catch (error) {
    return Response.json(
      { ok: false, error: `Redis does not answer: ${(error as Error).message}` },
      { status: 503 },
    );
  }
}
