"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { setJobTagsAction } from "@/app/jobs/[id]/actions";
import { button } from "./button-styles";

/** A job's tags, each a link to the list of jobs with it, and Edit to change them. */
export function JobTags({ jobId, tags }: { jobId: string; tags: string[] }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(tags.join(", "));
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  if (!editing)
    return (
      <span className="inline-flex flex-wrap items-center gap-1">
        {tags.map((tag) => (
          <a
            key={tag}
            href={`/?tag=${encodeURIComponent(tag)}`}
            data-testid="job-tag"
            className="rounded bg-zinc-100 px-1.5 text-xs text-zinc-700 hover:underline dark:bg-zinc-800 dark:text-zinc-300"
          >
            {tag}
          </a>
        ))}
        <button
          type="button"
          className="text-xs text-indigo-700 underline dark:text-indigo-300"
          onClick={() => {
            setText(tags.join(", "));
            setEditing(true);
          }}
        >
          {tags.length > 0 ? "Edit tags" : "Add tags"}
        </button>
      </span>
    );
  return (
    <form
      className="inline-flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await setJobTagsAction(jobId, text);
          if (!result.ok) {
            setError(result.error);
            return;
          }
          setError(undefined);
          setEditing(false);
          await queryClient.invalidateQueries({ queryKey: ["jobs", jobId] });
        });
      }}
    >
      <label className="sr-only" htmlFor="job-tags">
        Tags
      </label>
      <input
        id="job-tags"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="bugfix, team-web"
        className="rounded-md border border-zinc-300 bg-white px-2 py-0.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <button type="submit" className={button} disabled={pending}>
        Save tags
      </button>
      <button type="button" className="text-xs underline" onClick={() => setEditing(false)}>
        Keep them
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </form>
  );
}
