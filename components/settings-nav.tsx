"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const PAGES = [
  { href: "/settings/tokens", label: "Tokens" },
  { href: "/settings/webhooks", label: "Webhooks" },
  { href: "/settings/triggers", label: "Triggers" },
] as const;

/** The settings pages, one tab each. */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {PAGES.map((page) => {
        const current = pathname === page.href;
        return (
          <Link
            key={page.href}
            href={page.href}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${current ? "border-indigo-600 font-medium text-zinc-900 dark:border-indigo-400 dark:text-zinc-100" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`}
          >
            {page.label}
          </Link>
        );
      })}
    </nav>
  );
}
