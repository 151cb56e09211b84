import { getConfig } from "@/lib/config";
import { openApiDocument } from "@/lib/openapi/openapi-document";

export const dynamic = "force-dynamic";

/** The API as OpenAPI 3.1, made from the same schemas the routes use. */
export async function GET(): Promise<Response> {
  return Response.json(openApiDocument(getConfig().publicUrl));
}
