import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const manifest = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8"));

describe("bull-board's packages", () => {
  it("are pinned in step: the Hono adapter's exact api and ui, one installed copy of each", () => {
    const ours = manifest("package.json").dependencies;
    const adapter = manifest("node_modules/@bull-board/hono/package.json");
    expect(ours["@bull-board/hono"]).toBe(adapter.version);
    expect(ours["@bull-board/api"]).toBe(adapter.dependencies["@bull-board/api"]);
    expect(ours["@bull-board/ui"]).toBe(adapter.dependencies["@bull-board/ui"]);
    for (const name of ["@bull-board/api", "@bull-board/ui"])
      expect(manifest(`node_modules/${name}/package.json`).version, name).toBe(ours[name]);
    const lock = manifest("package-lock.json").packages as Record<string, { version: string }>;
    const copies = Object.keys(lock).filter((key) => /node_modules\/@bull-board\/(api|ui)$/.test(key));
    expect(copies.sort()).toEqual(["node_modules/@bull-board/api", "node_modules/@bull-board/ui"]);
  });
});
