import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/login-form";
import { isAuthRequired } from "@/lib/auth/credentials";
import { safeNextPath } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const next = safeNextPath((await searchParams).next);
  if (!isAuthRequired(getConfig())) {
    return (
      <div className="mx-auto max-w-sm space-y-3">
        <h1 className="text-xl font-semibold">No login needed</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          This dashboard has no password and listens on this machine only ({getConfig().host}), so it is open
          to anyone who can use this machine. Set DASHBOARD_PASSWORD to require a login.
        </p>
        <Link href="/" className="text-sm text-indigo-700 underline dark:text-indigo-300">
          Go to the jobs
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <h1 className="text-xl font-semibold">Log in</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        This dashboard runs code on its machine: it asks for the password its operator set
        (DASHBOARD_PASSWORD).
      </p>
      <LoginForm next={next} />
    </div>
  );
}
