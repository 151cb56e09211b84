import "server-only";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";

export type DirectoryCheck = { ok: true; path: string } | { ok: false; error: string };

/**
 * The real path of `directory` when it is an existing directory inside one of `allowedRoots` once every symlink
 * is resolved, or why it is not usable.
 */
export async function checkAllowedDirectory(
  directory: string,
  allowedRoots: string[],
): Promise<DirectoryCheck> {
  if (allowedRoots.length === 0) {
    return {
      ok: false,
      error:
        "No directories are allowed on this server: jobs run in scratch workspaces unless the operator sets ALLOWED_ROOTS",
    };
  }
  let real: string;
  try {
    real = await realpath(directory);
    if (!(await stat(real)).isDirectory()) return { ok: false, error: `${directory} is not a directory` };
  } catch {
    return { ok: false, error: `${directory} does not exist` };
  }
  for (const root of allowedRoots) {
    const realRoot = await realpath(root).catch(() => undefined);
    if (realRoot && (real === realRoot || real.startsWith(realRoot + path.sep)))
      return { ok: true, path: real };
  }
  return { ok: false, error: `${directory} is outside the allowed roots (${allowedRoots.join(", ")})` };
}
