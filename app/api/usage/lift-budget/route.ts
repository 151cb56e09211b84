import { jsonError, serviceError } from "@/lib/http";
import { liftBudget } from "@/lib/usage/lift-budget";

export const dynamic = "force-dynamic";

/** Lets jobs run past today's budget until the day ends: `{"released"}`, the held jobs started now. */
export async function POST(): Promise<Response> {
  try {
    const result = await liftBudget();
    return result.ok ? Response.json({ released: result.released }) : jsonError(result.status, result.error);
  } catch (error) {
    return serviceError(error);
  }
}
