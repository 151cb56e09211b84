import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { NotificationToggle } from "@/components/notification-toggle";
import { Providers } from "@/components/providers";
import { DemoBanner, HealthBanner, SystemStatusIndicator } from "@/components/system-status";
import { ThemeToggle } from "@/components/theme-toggle";
import { APP_TITLE } from "@/lib/app-title";
import { isAuthRequired } from "@/lib/auth/credentials";
import { isValidSession, readSessionSecret, SESSION_COOKIE } from "@/lib/auth/session";
import { BULL_BOARD_PATH } from "@/lib/bull-board-links";
import { getConfig } from "@/lib/config";
import { getSystemStatus } from "@/lib/jobs/get-system-status";
import { themeScript } from "@/lib/theme";
import { logOutAction } from "./login/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: `%s · ${APP_TITLE}`, default: APP_TITLE },
  description: "Run Claude Code in the background and watch it work",
  icons: { icon: "/icon.svg" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Set by proxy.ts for this response's Content-Security-Policy: the theme script needs it to run.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const config = getConfig();
  const authRequired = isAuthRequired(config);
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  const loggedIn = authRequired && isValidSession(readSessionSecret(config.dataDir), session);
  // Before a login the status is not the visitor's to read.
  const status = loggedIn || !authRequired ? await getSystemStatus() : null;
  return (
    // The theme script sets the html element's class before React hydrates it.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant script, it must run before paint */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen">
        <Providers status={status}>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-1.5 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow dark:focus:bg-zinc-900 dark:focus:text-indigo-300"
          >
            Skip to content
          </a>
          <HealthBanner />
          <DemoBanner />
          <header className="border-b border-zinc-200 dark:border-zinc-800">
            {/* Where a phone has no room for it all (a login adds Tokens and Log out), the right half wraps whole. */}
            <nav
              className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:gap-x-6"
              aria-label="Main"
            >
              <Link href="/" className="whitespace-nowrap font-semibold tracking-tight">
                Claude Code Worker
              </Link>
              {/* Before a login, every link would lead back to the login page. */}
              {(loggedIn || !authRequired) && (
                <>
                  {/* On a phone the name leads to the jobs: the room goes to what matters there. */}
                  <Link
                    href="/"
                    className="text-sm text-zinc-600 hover:text-zinc-900 max-sm:hidden dark:text-zinc-400 dark:hover:text-zinc-100"
                  >
                    Jobs
                  </Link>
                  {/* bull-board is not a Next page: a plain link loads it. */}
                  <a
                    href={BULL_BOARD_PATH}
                    className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                  >
                    Queue
                  </a>
                  <Link
                    href="/schedules"
                    className="text-sm text-zinc-600 hover:text-zinc-900 max-sm:hidden dark:text-zinc-400 dark:hover:text-zinc-100"
                  >
                    Schedules
                  </Link>
                  <Link
                    href="/usage"
                    className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                  >
                    Usage
                  </Link>
                </>
              )}
              <div className="ml-auto flex items-center gap-3 sm:gap-4 xl:gap-5">
                <SystemStatusIndicator />
                {(loggedIn || !authRequired) && <NotificationToggle />}
                <ThemeToggle />
                {(loggedIn || !authRequired) && (
                  <Link
                    href={loggedIn ? "/settings/tokens" : "/settings/webhooks"}
                    className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                  >
                    Settings
                  </Link>
                )}
                {loggedIn ? (
                  <form action={logOutAction}>
                    <button
                      type="submit"
                      className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                    >
                      Log out
                    </button>
                  </form>
                ) : authRequired ? null : (
                  <span
                    title="Open access, from this machine only: no DASHBOARD_PASSWORD is set, so anyone who can use this machine can use the dashboard."
                    className="hidden text-xs text-zinc-500 dark:text-zinc-400 2xl:inline"
                  >
                    Open access
                  </span>
                )}
                {(loggedIn || !authRequired) && (
                  <Link
                    href="/jobs/new"
                    className="whitespace-nowrap rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
                  >
                    New job
                  </Link>
                )}
              </div>
            </nav>
          </header>
          <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
