import { describe, expect, it } from "vitest";
import { jobIdSchema, newJobId } from "./job-id";

describe("newJobId", () => {
  it("makes valid ids that sort in the order they were made, even within one millisecond", () => {
    const ids = Array.from({ length: 500 }, () => newJobId(1_800_000_000_000));
    expect(new Set(ids).size).toBe(500);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(jobIdSchema.safeParse(id).success).toBe(true);
  });

  it("never sorts a new id before an earlier one, even when the clock steps back", () => {
    const earlier = newJobId(2_100_000_000_000);
    expect(newJobId(1_000_000_000_000) > earlier).toBe(true);
  });
});
