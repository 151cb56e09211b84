import "server-only";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

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

/** What the working-directory picker asks: the folders inside one directory, or with no path, the roots. */
export const directoryQuerySchema = z.strictObject({
  path: z
    .string()
    .max(4096, { error: "path must be at most 4096 characters" })
    .refine((value) => path.isAbsolute(value) && !value.includes("\0"), {
      error: "path must be an absolute path, like /home/me/code",
    })
    .optional(),
});

/** Folders listed per directory; a picker needs a few to choose from, not a whole file system. */
const MAX_LISTED_DIRECTORIES = 200;

/**
 * The folders directly inside `directory` (itself allowed), or the allowed roots when none is given: what the form's
 * working-directory picker offers. Symlinked folders are left out, as the check would judge them by their target.
 */
export async function listAllowedDirectories(
  directory: string | undefined,
  allowedRoots: string[],
): Promise<{ ok: true; directories: string[] } | { ok: false; error: string }> {
  if (directory === undefined) return { ok: true, directories: allowedRoots };
  const check = await checkAllowedDirectory(directory, allowedRoots);
  if (!check.ok) return check;
  const entries = await readdir(check.path, { withFileTypes: true });
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(check.path, entry.name))
    .sort()
    .slice(0, MAX_LISTED_DIRECTORIES);
  return { ok: true, directories };
}
