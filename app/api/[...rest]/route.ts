import { jsonError } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Any other path under /api: a JSON 404 that says so, rather than the HTML page a browser gets. */
function notFound(request: Request): Response {
  return jsonError(404, `No such API route: ${new URL(request.url).pathname}. README.md lists the API.`);
}

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
