// Plain JavaScript on purpose: this runs before `npm install`, when no TypeScript runner exists yet.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 9)) {
  console.error(`Node ${process.versions.node} is too old: Claude Code Worker needs Node 20.9 or newer.`);
  process.exit(1);
}

const lockfile = path.join(root, "package-lock.json");
const installedMarker = path.join(root, "node_modules", ".package-lock.json");
const upToDate =
  existsSync(installedMarker) && statSync(installedMarker).mtimeMs >= statSync(lockfile).mtimeMs;

if (!upToDate) {
  // Not `npm ci`: npm 11 writes lockfiles without other platforms' optional packages (Biome's, Next's SWC
  // binaries) and then `npm ci` rejects them as out of sync. `npm install` installs the locked versions as they are.
  console.log("Installing dependencies (npm install)...");
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(
      "npm install failed: see the messages above. Check your network access to the npm registry.",
    );
    process.exit(result.status ?? 1);
  }
}
