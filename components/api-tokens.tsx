"use client";

import { useActionState, useState, useTransition } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/settings/tokens/actions";
import type { ApiTokenInfo } from "@/lib/auth/api-tokens";
import { CopyButton } from "./copy-button";
import { SubmitButton } from "./submit-button";

/** Make a token (shown once), and the tokens made so far, each with Revoke. */
export function ApiTokens({ tokens }: { tokens: ApiTokenInfo[] }) {
  const [state, action, pending] = useActionState(createTokenAction, {});
  const [revoking, startRevoke] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="token-name" className="mb-1 block text-sm font-medium">
            New token's name
          </label>
          <input
            id="token-name"
            name="name"
            placeholder="nightly-build script"
            aria-invalid={state.error ? true : undefined}
            className="w-64 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
        <SubmitButton pending={pending} pendingLabel="Making…">
          Make a token
        </SubmitButton>
      </form>
      {(state.error || error) && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.error ?? error}
        </p>
      )}
      {state.created && (
        <div
          role="status"
          className="rounded-md border border-green-300 bg-green-50 p-3 text-sm dark:border-green-900 dark:bg-green-950"
        >
          <p className="font-medium">
            Token “{state.created.name}”: copy it now, it will not be shown again.
          </p>
          <div className="mt-1 flex items-start gap-2">
            <code data-testid="new-token" className="block min-w-0 flex-1 font-mono [overflow-wrap:anywhere]">
              {state.created.token}
            </code>
            <CopyButton text={state.created.token} label="the token" />
          </div>
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No tokens made here yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
          {tokens.map((token) => (
            <li key={token.id} data-testid="api-token" className="flex items-center gap-3 px-3 py-2">
              <span className="font-medium">{token.name}</span>
              <span className="text-zinc-500 dark:text-zinc-400" suppressHydrationWarning>
                made {new Date(token.createdAt).toLocaleString()}
              </span>
              <button
                type="button"
                disabled={revoking}
                aria-label={`Revoke ${token.name}`}
                onClick={() => {
                  if (!window.confirm(`Revoke “${token.name}”? Scripts using it stop working at once.`))
                    return;
                  startRevoke(async () => setError((await revokeTokenAction(token.id)).error));
                }}
                className="ml-auto rounded-md border border-red-300 px-2 py-0.5 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
