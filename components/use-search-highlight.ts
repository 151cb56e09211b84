"use client";

import { type RefObject, useEffect } from "react";

const HIGHLIGHT = "log-search";

/** Each log's marks: a page can show more than one log (a thread's earlier turns), and one highlight holds them all. */
const marksByLog = new Map<HTMLElement, Range[]>();

function showMarks(): void {
  const ranges = [...marksByLog.values()].flat();
  if (ranges.length === 0) CSS.highlights.delete(HIGHLIGHT);
  else CSS.highlights.set(HIGHLIGHT, new Highlight(...ranges));
}

/**
 * Marks every occurrence of the term in the element's text, whatever renders it (Markdown, tool cards), with the CSS
 * Custom Highlight API: no element is added, so the virtualized rows keep their measured sizes. The rows in view
 * change as the reader scrolls, so the marks are found again after each change of the element's content.
 */
export function useSearchHighlight(container: RefObject<HTMLElement | null>, term: string): void {
  useEffect(() => {
    const element = container.current;
    if (!term || !element || typeof CSS === "undefined" || !("highlights" in CSS)) return;
    const mark = () => {
      const ranges: Range[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.toLowerCase() ?? "";
        for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) {
          const range = new Range();
          range.setStart(node, at);
          range.setEnd(node, at + term.length);
          ranges.push(range);
        }
      }
      marksByLog.set(element, ranges);
      showMarks();
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      marksByLog.delete(element);
      showMarks();
    };
  }, [container, term]);
}
