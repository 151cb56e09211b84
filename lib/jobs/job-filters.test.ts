import { describe, expect, it } from "vitest";
import { newJobId } from "../job-id";
import { compareJobs, createdAtOfId, type JobFacts, matchesFilters, needsFacts } from "./job-filters";

const base = { sort: "created", order: "desc" } as const;
const facts = (overrides: Partial<JobFacts> = {}): JobFacts => ({
  createdAt: 1_800_000_000_000,
  model: "claude-opus-4-8",
  directory: "/home/me/shop",
  tags: ["bugfix"],
  costUsd: 0.42,
  durationMs: 60_000,
  ...overrides,
});

describe("the list's filters", () => {
  it("read a job's creation time from its id", () => {
    expect(createdAtOfId(newJobId(1_800_000_000_123))).toBe(1_800_000_000_123);
  });

  it("keep a job that matches every filter given, and no other", () => {
    expect(matchesFilters(facts(), { ...base, model: "OPUS", directory: "shop", tag: "bugfix" })).toBe(true);
    expect(matchesFilters(facts(), { ...base, model: "sonnet" })).toBe(false);
    expect(matchesFilters(facts(), { ...base, tag: "feature" })).toBe(false);
    expect(matchesFilters(facts(), { ...base, minCost: 0.5 })).toBe(false);
    expect(matchesFilters(facts(), { ...base, maxCost: 0.42 })).toBe(true);
    expect(matchesFilters(facts(), { ...base, fromMs: 1_800_000_000_001 })).toBe(false);
    expect(matchesFilters(facts(), { ...base, toMs: 1_800_000_000_000 })).toBe(false);
    // "scratch" means a job in a scratch workspace, not a directory whose name contains it.
    expect(matchesFilters(facts({ directory: null }), { ...base, directory: "scratch" })).toBe(true);
    expect(matchesFilters(facts({ directory: "/srv/scratchpad" }), { ...base, directory: "scratch" })).toBe(
      false,
    );
  });

  it("need the jobs' data only for what their ids do not say", () => {
    expect(needsFacts({ ...base, fromMs: 1 })).toBe(false);
    expect(needsFacts({ ...base, tag: "x" })).toBe(true);
    expect(needsFacts({ sort: "cost", order: "desc" })).toBe(true);
  });

  it("sort by cost or duration either way, jobs without one last, the newest first among equals", () => {
    const jobs = [
      { id: "b", ...facts({ costUsd: 1 }) },
      { id: "a", ...facts({ costUsd: null }) },
      { id: "c", ...facts({ costUsd: 0.1 }) },
      { id: "d", ...facts({ costUsd: 1 }) },
    ];
    expect([...jobs].sort(compareJobs({ sort: "cost", order: "desc" })).map((job) => job.id)).toEqual([
      "d",
      "b",
      "c",
      "a",
    ]);
    expect([...jobs].sort(compareJobs({ sort: "cost", order: "asc" })).map((job) => job.id)).toEqual([
      "c",
      "d",
      "b",
      "a",
    ]);
    expect([...jobs].sort(compareJobs({ sort: "created", order: "asc" })).map((job) => job.id)).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
  });
});
