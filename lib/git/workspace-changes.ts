import "server-only";
import type { ChangedFile, WorkspaceChanges } from "./change-schemas";
import { runGit } from "./run-git";
import { type ChangeRange, type SnapshotPlace, snapshotTree } from "./workspace-history";

const STATUSES: Record<string, ChangedFile["status"]> = {
  A: "added",
  M: "modified",
  D: "deleted",
  R: "renamed",
  C: "copied",
  T: "type-changed",
};

/** What changed in a workspace over a range of its history, file by file and as a diff. */
export async function workspaceChanges(place: SnapshotPlace, range: ChangeRange): Promise<WorkspaceChanges> {
  const to = range.to ?? (await snapshotTree(place));
  const between = [range.from, to];
  const options = ["--find-renames", "--no-ext-diff", "--no-textconv"];
  const [names, counts, diff] = await Promise.all([
    runGit(place, ["diff", ...options, "--name-status", "-z", ...between]),
    runGit(place, ["diff", ...options, "--numstat", "-z", ...between]),
    runGit(place, ["diff", ...options, "--no-color", "-U3", ...between]),
  ]);
  const patches = splitPatch(diff);
  const files = parseChangedFiles(names, counts).map((file, at) => ({ ...file, patch: patches[at] ?? "" }));
  return { files, live: range.to === null };
}

/**
 * One unified diff cut into its files' parts. A part starts at each `diff --git` line (a line of content always
 * starts with a space, + or -), and git writes the parts in the order `--name-status` lists the files.
 */
export function splitPatch(diff: string): string[] {
  if (diff === "") return [];
  return diff.split(/^(?=diff --git )/m);
}

/** `--name-status -z` and `--numstat -z` of one diff, joined by path. */
export function parseChangedFiles(names: string, counts: string): Omit<ChangedFile, "patch">[] {
  const lineCounts = new Map<string, [number | null, number | null]>();
  const countFields = counts.split("\0");
  for (let at = 0; at < countFields.length; at++) {
    const [added, removed, path] = (countFields[at] as string).split("\t");
    if (added === undefined || removed === undefined || path === undefined) continue;
    let file: string | undefined = path;
    if (path === "") {
      // A rename's paths follow as two fields of their own: old, then new.
      at += 2;
      file = countFields[at];
    }
    if (file === undefined) continue;
    lineCounts.set(file, [added === "-" ? null : Number(added), removed === "-" ? null : Number(removed)]);
  }
  const files: Omit<ChangedFile, "patch">[] = [];
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
