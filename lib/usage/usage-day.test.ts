import { describe, expect, it } from "vitest";
import { daysUpTo, startOfDay, startOfNextDay, usageDay } from "./usage-day";

describe("usage days", () => {
  it("are calendar days of the configured time zone", () => {
    const at = Date.UTC(2026, 11, 4, 23, 30);
    expect(usageDay(at, "UTC")).toBe("2026-12-04");
    expect(usageDay(at, "Europe/Berlin")).toBe("2026-12-05");
    expect(usageDay(at, "America/New_York")).toBe("2026-12-04");
  });

  it("end at the zone's midnight, also on a day of 23 or 25 hours", () => {
    expect(startOfNextDay(Date.UTC(2026, 11, 4, 10), "UTC")).toBe(Date.UTC(2026, 11, 5));
    expect(startOfNextDay(Date.UTC(2026, 11, 4, 10), "Europe/Berlin")).toBe(Date.UTC(2026, 11, 4, 23));
    // Berlin moves its clocks forward on 29 March 2026: that day has 23 hours.
    expect(startOfNextDay(Date.UTC(2026, 2, 28, 23, 30), "Europe/Berlin")).toBe(Date.UTC(2026, 2, 29, 22));
    expect(startOfNextDay(Date.UTC(2026, 9, 25, 12), "Europe/Berlin")).toBe(Date.UTC(2026, 9, 25, 23));
  });

  it("begin where the day before ends", () => {
    expect(startOfDay("2026-12-04", "UTC")).toBe(Date.UTC(2026, 11, 4));
    expect(startOfDay("2026-12-04", "Europe/Berlin")).toBe(Date.UTC(2026, 11, 3, 23));
    expect(startOfDay("2026-12-04", "Pacific/Kiritimati")).toBe(Date.UTC(2026, 11, 3, 10));
    expect(startOfDay("2026-12-04", "America/Los_Angeles")).toBe(Date.UTC(2026, 11, 4, 8));
  });

  it("count back whole days", () => {
    expect(daysUpTo(Date.UTC(2026, 11, 4, 12), 3, "UTC")).toEqual(["2026-12-02", "2026-12-03", "2026-12-04"]);
    expect(daysUpTo(Date.UTC(2026, 2, 1, 1), 2, "UTC")).toEqual(["2026-02-28", "2026-03-01"]);
  });
});
