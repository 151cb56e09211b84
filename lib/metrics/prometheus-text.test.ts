import { describe, expect, it } from "vitest";
import { prometheusText } from "./prometheus-text";

describe("prometheusText", () => {
  it("writes each counter once with its labels escaped, and zeros for what never happened", () => {
    const text = prometheusText(
      { "jobs|completed|": 3, "jobs|failed|max-turns": 1, cost_usd: 0.5, "tokens|input": 300 },
      2,
    );
    expect(text).toContain('ccw_jobs_finished_total{outcome="completed",diagnosis=""} 3');
    expect(text).toContain('ccw_jobs_finished_total{outcome="failed",diagnosis="max-turns"} 1');
    expect(text).toContain("ccw_cost_usd_total 0.5");
    expect(text).toContain('ccw_tokens_total{kind="output"} 0');
    expect(text).toContain("ccw_workers 2");
    expect(text.endsWith("\n")).toBe(true);
    // Every sample line is a name, optional labels and a number.
    for (const line of text.split("\n").filter((one) => one && !one.startsWith("#")))
      expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? -?\d+(\.\d+)?$/);
  });
});
