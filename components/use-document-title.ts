"use client";

import { useEffect } from "react";
import { APP_TITLE } from "@/lib/app-title";

/** Keeps the tab's title true as the page's data changes after it loaded (a job's state, the running count). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${APP_TITLE}`;
  }, [title]);
}
