import { z } from "zod";

/** What a job changed, as the API and the Changes view read it. */
export const changedFileSchema = z.object({
  path: z.string(),
  /** Where a renamed or copied file came from. */
  oldPath: z.string().optional(),
  status: z.enum(["added", "modified", "deleted", "renamed", "copied", "type-changed"]),
  /** Lines added and removed; null for a binary file. */
  added: z.number().nullable(),
  removed: z.number().nullable(),
  /** This file's part of the unified diff (`git diff -M`); a binary file's says only that it differs. */
  patch: z.string(),
});
export type ChangedFile = z.infer<typeof changedFileSchema>;

/** A git job's branch as it is now: what the Changes view offers to do with it depends on it. */
export const branchSummarySchema = z.object({
  repository: z.string(),
  branch: z.string(),
  base: z.string(),
  baseCommit: z.string(),
  head: z.string(),
  /** The branch's own commits since its base, newest first. */
  commits: z.array(z.object({ commit: z.string(), subject: z.string() })),
  /** Whether the checkout holds work not committed to the branch. */
  uncommitted: z.boolean(),
  /** False once the branch was kept and its checkout taken away. */
  checkedOut: z.boolean(),
});
export type BranchSummary = z.infer<typeof branchSummarySchema>;

export const workspaceChangesSchema = z.object({
  files: z.array(changedFileSchema),
  /** For a git job: its branch. */
  branch: branchSummarySchema.optional(),
  /** Whether the end is the workspace as it is now, which a running job still changes. */
  live: z.boolean(),
});
export type WorkspaceChanges = z.infer<typeof workspaceChangesSchema>;

export const commitInputSchema = z.object({
  message: z
    .string({ error: "Write a commit message" })
    .trim()
    .min(1, { error: "Write a commit message" })
    .max(10_000, { error: "The commit message is too long: at most 10,000 characters" }),
});

export const mergeInputSchema = z.object({
  mode: z.enum(["fast-forward", "merge-commit"], {
    error: "mode is fast-forward (the base must not have moved) or merge-commit",
  }),
});
