import { serviceError } from "@/lib/http";
import { listWorkers } from "@/lib/workers/list-workers";

export const dynamic = "force-dynamic";

/** Every worker heard from: host, capacity, running jobs, CLI, isolation, free disk, draining, and what stands out. */
export async function GET(): Promise<Response> {
  try {
    return Response.json({ workers: await listWorkers() });
  } catch (error) {
    return serviceError(error);
  }
}
