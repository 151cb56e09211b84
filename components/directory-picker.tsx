"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { RepositoryDescription } from "@/lib/git/describe-repository";
import { fetchJson } from "./fetch-json";
import { useSystemStatus } from "./system-status";

/** Whether a path is one of `roots` or inside one: a hint only, the worker decides on the real path. */
function isUnder(directory: string, roots: string[]): boolean {
  return roots.some((root) => `${directory.replace(/\/$/, "")}/`.startsWith(`${root}/`));
}

/** The folder a typed path is in: what to list as suggestions while the reader types. */
function folderOf(typed: string): string | undefined {
  if (!typed.startsWith("/")) return undefined;
  const cut = typed.endsWith("/") ? typed.length - 1 : typed.lastIndexOf("/");
  return cut <= 0 ? "/" : typed.slice(0, cut);
}

/**
 * The working-directory field: a text input whose suggestions are the allowed roots, then the folders inside
 * whatever is typed, so only directories the server accepts are offered.
 */
export function DirectoryPicker({
  defaultValue,
  defaultBase,
  error,
  baseError,
  className,
  onChange,
}: {
  /** Told of every change, for the form's fields that depend on whether a directory is chosen. */
  onChange?: (directory: string) => void;
  defaultValue?: string;
  defaultBase?: string;
  error?: string;
  baseError?: string;
  className: string;
}) {
  const [typed, setTyped] = useState(defaultValue ?? "");
  const { data: status } = useSystemStatus();
  const roots = status?.allowedRoots ?? [];
  const trustedRoots = status?.trustedRoots ?? [];
  const folder = folderOf(typed);
  const insideRoot = folder !== undefined && roots.some((root) => `${folder}/`.startsWith(`${root}/`));
  const { data } = useQuery({
    queryKey: ["directories", insideRoot ? folder : null],
    queryFn: () =>
      fetchJson<{ directories: string[] }>(
        insideRoot && folder
          ? `/api/directories?${new URLSearchParams({ path: folder })}`
          : "/api/directories",
      ),
    enabled: roots.length > 0,
    retry: false,
  });
  const suggestions = data?.directories ?? roots;

  return (
    <>
      <input
        id="workingDirectory"
        name="workingDirectory"
        list="directory-suggestions"
        autoComplete="off"
        value={typed}
        onChange={(event) => {
          setTyped(event.target.value);
          onChange?.(event.target.value);
        }}
        disabled={status !== undefined && roots.length === 0}
        placeholder={
          roots.length === 0 ? "a fresh scratch folder" : `a scratch folder, or one under ${roots[0]}`
        }
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "workingDirectory-error" : "workingDirectory-hint workingDirectory-trust"}
        className={className}
      />
      <datalist id="directory-suggestions" data-testid="directory-suggestions">
        {suggestions.map((directory) => (
          <option
            key={directory}
            value={directory}
            label={isUnder(directory, trustedRoots) ? "trusted" : undefined}
          />
        ))}
      </datalist>
      <p id="workingDirectory-hint" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        {roots.length === 0
          ? "This server allows no directories (ALLOWED_ROOTS is empty): each job gets a fresh scratch folder."
          : `Allowed: ${roots.join(", ")}. Leave empty for a fresh scratch folder.`}
      </p>
      {typed.startsWith("/") && (
        <p
          id="workingDirectory-trust"
          data-testid="directory-trust"
          className="mt-1 text-xs text-zinc-500 dark:text-zinc-400"
        >
          {isUnder(typed, trustedRoots)
            ? "Trusted (TRUSTED_ROOTS): the job loads this directory's own Claude settings, hooks and MCP servers."
            : "Not trusted: the job loads only your own Claude settings; this directory's hooks and MCP servers do not run."}
        </p>
      )}
      {typed.startsWith("/") && isUnder(typed, roots) && (
        <GitBaseField
          directory={typed.replace(/(.)\/$/, "$1")}
          defaultBase={defaultBase}
          error={baseError}
          className={className}
        />
      )}
    </>
  );
}

/**
 * For a directory in a git repository: says the job works on a branch of its own in a checkout of its own, and
 * which branch it starts from (the current one, with its last commit, unless another is named).
 */
function GitBaseField({
  directory,
  defaultBase,
  error,
  className,
}: {
  directory: string;
  defaultBase?: string;
  error?: string;
  className: string;
}) {
  const { data } = useQuery({
    queryKey: ["directories", "git", directory],
    queryFn: () =>
      fetchJson<RepositoryDescription>(`/api/directories/git?${new URLSearchParams({ path: directory })}`),
    retry: false,
  });
  if (!data?.repository) return null;
  const current = data.currentBranch
    ? `${data.currentBranch}${data.head ? ` (${data.head.commit.slice(0, 7)} ${data.head.subject})` : ""}`
    : undefined;
  return (
    <div data-testid="git-base" className="mt-2 space-y-1">
      <p className="text-xs text-zinc-600 dark:text-zinc-400 [overflow-wrap:anywhere]">
        In the git repository {data.repository}: the job works on a branch of its own, in a checkout of its
        own; the repository's files stay as they are.
      </p>
      <label htmlFor="gitBase" className="block text-xs font-medium">
        Base branch
      </label>
      <input
        id="gitBase"
        name="gitBase"
        list="git-branches"
        autoComplete="off"
        defaultValue={defaultBase}
        placeholder={data.currentBranch ?? "name a branch: HEAD is detached"}
        aria-invalid={error ? true : undefined}
        aria-describedby="gitBase-hint"
        className={`${className} font-mono`}
      />
      <datalist id="git-branches">
        {data.branches.map((branch) => (
          <option key={branch} value={branch} />
        ))}
      </datalist>
      {data.uncommitted && (
        <p data-testid="git-uncommitted" className="text-xs text-amber-800 dark:text-amber-200">
          Its folder has changes you have not committed: the job starts from a commit, so it will not see
          them.
        </p>
      )}
      {error ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : (
        <p id="gitBase-hint" className="text-xs text-zinc-500 dark:text-zinc-400 [overflow-wrap:anywhere]">
          {current
            ? `Empty: from ${current}.`
            : "The repository's HEAD is detached: name the branch to start from."}
        </p>
      )}
    </div>
  );
}
