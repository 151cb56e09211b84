"use client";

import { useEffect } from "react";

/**
 * The tab's icon with what a person glancing at their tabs wants to know: a red count of the failures they have not
 * seen, else a blue mark while jobs run. The page's own icon comes back when there is nothing to say.
 */
export function useFavicon({ running, failed }: { running: number; failed: number }): void {
  useEffect(() => {
    if (running === 0 && failed === 0) return;
    // An icon of our own, after the page's: the page's link is Next's to manage, and changing it under Next made the
    // browser ask for /favicon.ico when Next put its head back together.
    const badged = document.createElement("link");
    badged.rel = "icon";
    badged.type = "image/svg+xml";
    badged.dataset.badge = failed > 0 ? "failed" : "running";
    badged.href = `data:image/svg+xml,${encodeURIComponent(badgedIcon(failed))}`;
    document.head.append(badged);
    return () => badged.remove();
  }, [running, failed]);
}

/** public/icon.svg with a badge in its corner. */
function badgedIcon(failed: number): string {
  const badge =
    failed > 0
      ? `<circle cx="23" cy="9" r="9" fill="#dc2626" stroke="#fff" stroke-width="1.5"/><text x="23" y="13" font-family="sans-serif" font-size="${failed > 9 ? 9 : 12}" font-weight="700" text-anchor="middle" fill="#fff">${failed > 99 ? "99+" : failed}</text>`
      : `<circle cx="25" cy="7" r="6" fill="#2563eb" stroke="#fff" stroke-width="1.5"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/><path d="M9 11l6 5-6 5M17 22h7" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>${badge}</svg>`;
}
