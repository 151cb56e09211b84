#!/usr/bin/env node
// The terminal client's entry (package.json "bin"): it runs scripts/ccw/main.ts through tsx, as the launcher does.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsx = createRequire(import.meta.url).resolve("tsx");
const result = spawnSync(
  process.execPath,
  [
    "--conditions=react-server",
    "--import",
    tsx,
    path.join(root, "scripts/ccw/run.ts"),
    ...process.argv.slice(2),
  ],
  // Found from the checkout, wherever it is run from: the @/ imports resolve through its tsconfig.
  { stdio: "inherit", env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") } },
);
process.exit(result.status ?? 1);
