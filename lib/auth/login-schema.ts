import { z } from "zod";

/** The login form. */
export const loginSchema = z.strictObject({
  password: z
    .string({ error: "Type the dashboard's password" })
    .min(1, { error: "Type the dashboard's password" })
    .max(1024, { error: "A password is at most 1024 characters" }),
});
