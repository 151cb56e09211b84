import { describe, expect, it } from "vitest";
import { readTranscript } from "@/test/support/cli-transcripts";
import { resultLabel } from "./result-label";

const resultOf = (name: string) => {
  const line = readTranscript(name).find((found) => found.kind === "result");
  if (line?.kind !== "result") throw new Error(`no result in ${name}`);
  return line.event;
};

describe("resultLabel", () => {
  it("never prints the CLI's subtype raw: an API failure's 'success' reads as an error", () => {
    expect(resultLabel(resultOf("error-401"))).toBe("Error");
    expect(resultLabel(resultOf("connection-refused"))).toBe("Error");
  });

  it("says which limit stopped the job", () => {
    expect(resultLabel(resultOf("max-turns"))).toBe("Stopped at its max turns");
    expect(resultLabel(resultOf("max-budget"))).toBe("Stopped at its budget");
  });

  it("heads a success as the result, unless the job was cancelled", () => {
    expect(resultLabel(resultOf("success"))).toBe("Result");
    expect(resultLabel(resultOf("success"), true)).toBe("Last words before it was stopped");
  });
});
