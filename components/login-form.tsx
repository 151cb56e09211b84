"use client";

import { useActionState } from "react";
import { logInAction } from "@/app/login/actions";
import { SubmitButton } from "./submit-button";

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(logInAction, {});
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          // biome-ignore lint/a11y/noAutofocus: typing the password is all this page is for
          autoFocus
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "password-error" : undefined}
          className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        {state.error && (
          <p id="password-error" role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
            {state.error}
          </p>
        )}
      </div>
      <SubmitButton pending={pending} pendingLabel="Checking…">
        Log in
      </SubmitButton>
    </form>
  );
}
