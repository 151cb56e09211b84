import { getBullBoardApp } from "@/lib/bull-board";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** bull-board, inside the dashboard: every method under /admin/queues goes to its Hono app. */
function handle(request: Request): Response | Promise<Response> {
  return getBullBoardApp().fetch(request);
}

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
