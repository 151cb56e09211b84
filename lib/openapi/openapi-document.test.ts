import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi-document";

const root = path.resolve(import.meta.dirname, "../..");

/** Every route handler under app/api, as OpenAPI paths and methods, read from the tree. */
function apiRoutes(): { path: string; method: string }[] {
  const routes: { path: string; method: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const segments = path.relative(path.join(root, "app"), dir).split(path.sep);
        // The catch-all that answers 404 for an unknown route is no route of the API.
        if (segments.includes("[...rest]")) continue;
        const apiPath = `/${segments.map((segment) => segment.replace(/^\[(?:\.\.\.)?(\w+)\]$/, "{$1}")).join("/")}`;
        for (const match of readFileSync(full, "utf8").matchAll(
          /export async function (GET|POST|PUT|PATCH|DELETE)\b/g,
        ))
          routes.push({ path: apiPath, method: (match[1] as string).toLowerCase() });
      }
    }
  };
  walk(path.join(root, "app/api"));
  return routes;
}

describe("the OpenAPI document", () => {
  const document = openApiDocument("http://127.0.0.1:3000") as unknown as {
    paths: Record<string, Record<string, unknown>>;
  };

  it("is valid OpenAPI 3.1", async () => {
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("has every route of app/api, and no route that is not there", () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((route) => !document.paths[route.path]?.[route.method]);
    expect(missing).toEqual([]);
    const documented = Object.entries(document.paths).flatMap(([apiPath, methods]) =>
      Object.keys(methods).map((method) => `${method} ${apiPath}`),
    );
    expect(documented.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it("describes a job's fields from the schema the routes parse, with each error body", () => {
    const post = document.paths["/api/jobs"]?.post as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } };
      responses: Record<string, unknown>;
    };
    expect(Object.keys(post.requestBody.content["application/json"].schema.properties)).toEqual(
      expect.arrayContaining(["prompt", "workingDirectory", "toolApprovals", "tags", "onUsageLimit"]),
    );
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "413", "503"]));
  });
});
