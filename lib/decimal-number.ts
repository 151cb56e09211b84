import { z } from "zod";

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A number written as people write one: a JSON number, or a string of decimal digits with an optional point, as
 * forms, query strings and the environment send them. `z.coerce` would take `0x10` as 16, `1e1` as 10, `true` as 1
 * and `[5]` as 5; here each is refused by `schema`'s own message.
 */
export function decimalNumber<T extends z.ZodType<number | undefined>>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === "string" && DECIMAL.test(value.trim()) ? Number(value.trim()) : value),
    schema,
  );
}
