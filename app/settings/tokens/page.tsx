import type { Metadata } from "next";
import Link from "next/link";
import { ApiTokens } from "@/components/api-tokens";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { isAuthRequired } from "@/lib/auth/credentials";
import { getConfig } from "@/lib/config";
import { getQueueRedis } from "@/lib/queue";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Tokens" };

export default async function TokensPage() {
  const open = !isAuthRequired(getConfig());
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold">API tokens</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Scripts use the API with <code>Authorization: Bearer &lt;token&gt;</code>. A token is shown once, when
        it is made; the dashboard keeps only its digest. Revoke one and it stops working at once. What the API
        offers: the{" "}
        <Link href="/api-reference" className="text-indigo-700 underline dark:text-indigo-300">
          API reference
        </Link>
        .
      </p>
      {open && (
        <p
          role="status"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          This dashboard has no password, so the API needs no token yet: tokens matter once DASHBOARD_PASSWORD
          is set.
        </p>
      )}
      <ApiTokens tokens={await listApiTokens(getQueueRedis())} />
    </div>
  );
}
