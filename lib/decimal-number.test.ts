import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decimalNumber } from "./decimal-number";

const copies = decimalNumber(z.number({ error: "Copies must be a number" }).int());

describe("decimalNumber", () => {
  it.each([
    [5, 5],
    ["5", 5],
    [" 12 ", 12],
    ["2.50", 2.5],
    [".5", 0.5],
    ["-3", -3],
  ])("takes %j as %j", (input, expected) => {
    expect(decimalNumber(z.number()).parse(input)).toBe(expected);
  });

  it.each([["0x10"], ["1e1"], [true], [[5]], ["Infinity"], ["5 apples"], [null], ["0b11"], [{}]])(
    "refuses %j with the schema's message",
    (input) => {
      const parsed = copies.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("Copies must be a number");
    },
  );
});
