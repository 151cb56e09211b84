import "server-only";
import { realpath } from "node:fs/promises";
import path from "node:path";

/**
 * The real path of `relative` inside `root`, or undefined when it does not exist or resolves outside it
 * (`..`, an absolute path, a symlink that points out). `root` is a real path already (see `openJobWorkspace`) and is
 * not resolved again: were it swapped for a symlink since, what it leads to resolves outside it, and is refused.
 */
export async function resolveInside(root: string, relative: string): Promise<string | undefined> {
  if (relative.includes("\0") || path.isAbsolute(relative)) return undefined;
  try {
    const target = await realpath(path.join(root, relative));
    return target.startsWith(root + path.sep) ? target : undefined;
  } catch {
    return undefined;
  }
}
