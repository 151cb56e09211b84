"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { logIn } from "@/lib/auth/log-in";
import { loginSchema } from "@/lib/auth/login-schema";
import { SESSION_COOKIE, safeNextPath } from "@/lib/auth/session";

/** The login form: checks the password (failures counted), sets the session cookie. */
export async function logInAction(
  _previous: { error?: string },
  formData: FormData,
): Promise<{ error?: string }> {
  const input = loginSchema.safeParse({ password: formData.get("password") });
  if (!input.success) return { error: input.error.issues[0]?.message };
  const result = await logIn(input.data.password);
  if (!result.ok) return { error: result.error };
  (await cookies()).set(SESSION_COOKIE, result.session.value, {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    expires: result.session.expires,
    secure: (await headers()).get("x-forwarded-proto") === "https",
  });
  redirect(safeNextPath(formData.get("next")));
}

export async function logOutAction(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
  redirect("/login");
}
