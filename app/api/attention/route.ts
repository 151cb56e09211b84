import { serviceError } from "@/lib/http";
import { getAttention } from "@/lib/jobs/get-attention";

export const dynamic = "force-dynamic";

/** What needs a person now: `{"needYou": [{"id", "label"}]}`, the running jobs waiting for an answer. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(await getAttention());
  } catch (error) {
    return serviceError(error);
  }
}
