import "server-only";
import { z } from "zod";
import { runGit } from "./run-git";
import { type ChangeRange, ensureRepository, snapshotTree } from "./workspace-history";

export const changedFileSchema = z.object({
  path: z.string(),
  /** Where a renamed or copied file came from. */
  oldPath: z.string().optional(),
  status: z.enum(["added", "modified", "deleted", "renamed", "copied", "type-changed"]),
  /** Lines added and removed; null for a binary file. */
  added: z.number().nullable(),
  removed: z.number().nullable(),
});
export type ChangedFile = z.infer<typeof changedFileSchema>;

export const workspaceChangesSchema = z.object({
  files: z.array(changedFileSchema),
  /** The unified diff of them all (`git diff -M`), binary files named but not shown. */
  diff: z.string(),
  /** Whether the end is the workspace as it is now, which a running job still changes. */
  live: z.boolean(),
});
export type WorkspaceChanges = z.infer<typeof workspaceChangesSchema>;

const STATUSES: Record<string, ChangedFile["status"]> = {
  A: "added",
  M: "modified",
  D: "deleted",
  R: "renamed",
  C: "copied",
  T: "type-changed",
};

/** What changed in a workspace over a range of its history, file by file and as a diff. */
export async function workspaceChanges(
  gitDir: string,
  workTree: string,
  range: ChangeRange,
): Promise<WorkspaceChanges> {
  await ensureRepository(gitDir, workTree);
  const place = { gitDir, workTree };
  const to = range.to ?? (await snapshotTree(place));
  const between = [range.from, to];
  const options = ["--find-renames", "--no-ext-diff", "--no-textconv"];
  const [names, counts, diff] = await Promise.all([
    runGit(place, ["diff", ...options, "--name-status", "-z", ...between]),
    runGit(place, ["diff", ...options, "--numstat", "-z", ...between]),
    runGit(place, ["diff", ...options, "--no-color", "-U3", ...between]),
  ]);
  return { files: parseChangedFiles(names, counts), diff, live: range.to === null };
}

/** `--name-status -z` and `--numstat -z` of one diff, joined by path. */
export function parseChangedFiles(names: string, counts: string): ChangedFile[] {
  const lineCounts = new Map<string, [number | null, number | null]>();
  const countFields = counts.split("\0");
  for (let at = 0; at < countFields.length; at++) {
    const [added, removed, path] = (countFields[at] as string).split("\t");
    if (added === undefined || removed === undefined || path === undefined) continue;
    // A rename's paths follow as two fields of their own: old, then new.
    const file = path === "" ? countFields[(at += 2)] : path;
    if (file === undefined) continue;
    lineCounts.set(file, [added === "-" ? null : Number(added), removed === "-" ? null : Number(removed)]);
  }
  const files: ChangedFile[] = [];
  const fields = names.split("\0");
  for (let at = 0; at < fields.length - 1; ) {
    const code = fields[at++] as string;
    const status = STATUSES[code[0] as string];
    if (!status) break;
    const oldPath = status === "renamed" || status === "copied" ? fields[at++] : undefined;
    const path = fields[at++] as string;
    const [added, removed] = lineCounts.get(path) ?? [null, null];
    files.push({ path, ...(oldPath ? { oldPath } : {}), status, added, removed });
  }
  return files;
}
