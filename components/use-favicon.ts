"use client";

import { useEffect } from "react";

type Badge = { kind: "needs-you" | "failed"; count: number } | { kind: "running" };

/**
 * The tab's icon with what a person glancing at their tabs wants to know: an amber count of the jobs waiting for
 * them, else a red count of the failures they have not seen, else a blue mark while jobs run. The page's own icon
 * comes back when there is nothing to say.
 */
export function useFavicon({
  running,
  failed,
  needYou,
}: {
  running: number;
  failed: number;
  needYou: number;
}): void {
  useEffect(() => {
    const badge: Badge | undefined =
      needYou > 0
        ? { kind: "needs-you", count: needYou }
        : failed > 0
          ? { kind: "failed", count: failed }
          : running > 0
            ? { kind: "running" }
            : undefined;
    if (!badge) return;
    // An icon of our own, after the page's: the page's link is Next's to manage, and changing it under Next made the
    // browser ask for /favicon.ico when Next put its head back together.
    const badged = document.createElement("link");
    badged.rel = "icon";
    badged.type = "image/svg+xml";
    badged.dataset.badge = badge.kind;
    badged.href = `data:image/svg+xml,${encodeURIComponent(badgedIcon(badge))}`;
    document.head.append(badged);
    return () => badged.remove();
  }, [running, failed, needYou]);
}

/** public/icon.svg with a badge in its corner. */
function badgedIcon(badge: Badge): string {
  const counted = (fill: string, text: string, count: number) =>
    `<circle cx="23" cy="9" r="9" fill="${fill}" stroke="#fff" stroke-width="1.5"/><text x="23" y="13" font-family="sans-serif" font-size="${count > 9 ? 9 : 12}" font-weight="700" text-anchor="middle" fill="${text}">${count > 99 ? "99+" : count}</text>`;
  const mark =
    badge.kind === "needs-you"
      ? counted("#f59e0b", "#1c1917", badge.count)
      : badge.kind === "failed"
        ? counted("#dc2626", "#fff", badge.count)
        : `<circle cx="25" cy="7" r="6" fill="#2563eb" stroke="#fff" stroke-width="1.5"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/><path d="M9 11l6 5-6 5M17 22h7" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>${mark}</svg>`;
}
