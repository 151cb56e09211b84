import { getSystemStatus } from "@/lib/jobs/get-system-status";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return Response.json(await getSystemStatus());
}
