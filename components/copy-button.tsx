"use client";

import { useEffect, useState } from "react";

/** Copies a text to the clipboard, and says so for a moment; says so too when the browser refuses. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [said, setSaid] = useState<"copied" | "refused">();
  useEffect(() => {
    if (!said) return;
    const timer = setTimeout(() => setSaid(undefined), 2000);
    return () => clearTimeout(timer);
  }, [said]);
  return (
    <button
      type="button"
      aria-label={`Copy ${label}`}
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setSaid("copied"),
          () => setSaid("refused"),
        )
      }
      className="rounded border border-zinc-300 px-1.5 py-0.5 text-xs font-medium text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-900"
    >
      <span aria-live="polite">
        {said === "copied" ? "Copied" : said === "refused" ? "The browser refused: select and copy" : "Copy"}
      </span>
    </button>
  );
}
