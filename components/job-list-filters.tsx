"use client";

import { useEffect, useState } from "react";

const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Typing settles for this long before the list is asked again. */
const TYPING_SETTLES_MS = 400;

const SORTS = [
  ["created:desc", "Newest first"],
  ["created:asc", "Oldest first"],
  ["duration:desc", "Longest first"],
  ["duration:asc", "Shortest first"],
  ["cost:desc", "Costliest first"],
  ["cost:asc", "Cheapest first"],
] as const;

type Fields = Record<
  "from" | "to" | "model" | "directory" | "tag" | "minCost" | "maxCost" | "sort" | "order",
  string
>;

/**
 * The list's filters (a date range, the model, the directory, a tag, a cost range) and its order, folded away
 * until wanted; each change reaches the list (and its address) once typing settles.
 */
export function JobListFilters({
  filters,
  onChange,
}: {
  filters: Fields;
  onChange: (filters: Fields) => void;
}) {
  const [typed, setTyped] = useState(filters);
  const active = (["from", "to", "model", "directory", "tag", "minCost", "maxCost"] as const).filter(
    (field) => filters[field] !== "",
  ).length;
  useEffect(() => {
    if (JSON.stringify(typed) === JSON.stringify(filters)) return;
    const timer = setTimeout(() => onChange(typed), TYPING_SETTLES_MS);
    return () => clearTimeout(timer);
  }, [typed, filters, onChange]);
  const field = (
    name: keyof Fields,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <label className="block text-xs text-zinc-600 dark:text-zinc-400">
      {label}
      <input
        value={typed[name]}
        onChange={(event) => setTyped({ ...typed, [name]: event.target.value })}
        className={`${inputClass} mt-0.5`}
        {...props}
      />
    </label>
  );
  return (
    <details className="mb-3 text-sm" open={active > 0}>
      <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
        Filters and order{active > 0 ? ` (${active} on)` : ""}
      </summary>
      <div className="mt-2 grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {field("from", "Created from", { type: "date" })}
        {field("to", "Created to", { type: "date" })}
        {field("model", "Model", { placeholder: "opus" })}
        {field("directory", "Directory", { placeholder: "/home/me/shop, or scratch" })}
        {field("tag", "Tag", { placeholder: "bugfix" })}
        {field("minCost", "Cost from ($)", { inputMode: "decimal", placeholder: "0" })}
        {field("maxCost", "Cost to ($)", { inputMode: "decimal", placeholder: "any" })}
        <label className="block text-xs text-zinc-600 dark:text-zinc-400">
          Order
          <select
            value={`${typed.sort || "created"}:${typed.order || "desc"}`}
            onChange={(event) => {
              const [sort, order] = event.target.value.split(":") as [string, string];
              const next = { ...typed, sort, order };
              setTyped(next);
              onChange(next);
            }}
            className={`${inputClass} mt-0.5`}
          >
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {active > 0 && (
          <button
            type="button"
            className="self-end justify-self-start text-sm underline"
            onClick={() => {
              const cleared = {
                ...typed,
                from: "",
                to: "",
                model: "",
                directory: "",
                tag: "",
                minCost: "",
                maxCost: "",
              };
              setTyped(cleared);
              onChange(cleared);
            }}
          >
            Clear the filters
          </button>
        )}
      </div>
    </details>
  );
}
