import { describe, expect, it } from "vitest";
import { cronProblem, scheduleInputSchema } from "./schedule-schemas";

const spec = { prompt: "Update the dependencies" };
const messages = (input: Record<string, unknown>) => {
  const parsed = scheduleInputSchema.safeParse(input);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("schedule input", () => {
  it("takes a cron expression or an interval, one of the two", () => {
    expect(messages({ name: "Nightly", cron: "30 2 * * *", spec })).toEqual([]);
    expect(messages({ name: "Hourly", everySeconds: "3600", spec })).toEqual([]);
    expect(messages({ name: "Both", cron: "30 2 * * *", everySeconds: 3600, spec })).toEqual([
      "cron: Say when it runs: a cron expression, or an interval in seconds (one of the two)",
    ]);
    expect(messages({ name: "Neither", spec })).toHaveLength(1);
    expect(messages({ name: "Too often", everySeconds: 5, spec })).toEqual([
      "everySeconds: The interval must be at least 10 seconds",
    ]);
  });

  it("says what is wrong with a cron expression, in words", () => {
    expect(cronProblem("0 9 * * 1-5")).toBeUndefined();
    expect(cronProblem("0 9 * *")).toBe(
      'A cron expression has five fields (minute hour day-of-month month day-of-week), like 0 9 * * 1-5 for 9:00 on weekdays; "0 9 * *" has 4',
    );
    expect(cronProblem("61 * * * *")).toMatch(
      /^"61 \* \* \* \*" is not a cron expression this server can run: got value 61 expected range 0-59\. Five fields/,
    );
    expect(messages({ name: "Bad", cron: "every day", spec })[0]).toMatch(
      /^cron: A cron expression has five fields/,
    );
  });

  it("refuses a time zone that is none, a job that waits or resumes, and unknown fields", () => {
    expect(messages({ name: "Zoned", cron: "0 9 * * *", timezone: "Mars/Olympus", spec })).toEqual([
      "timezone: The time zone must be a name like Europe/Berlin, America/New_York or UTC",
    ]);
    expect(messages({ name: "Late", everySeconds: 60, spec: { ...spec, delaySeconds: 10 } })).toEqual([
      "spec: A scheduled job starts when the schedule says: it takes no delay and resumes no session",
    ]);
    expect(messages({ name: "Extra", everySeconds: 60, spec, color: "red" })[0]).toMatch(
      /Unknown field color/,
    );
    expect(messages({ name: "", everySeconds: 60, spec: { prompt: "" } })).toEqual([
      "name: Name the schedule, like Nightly dependency update",
      "spec.prompt: Write a prompt: tell Claude what to do",
    ]);
  });
});
