"use client";

import { useCallback, useState } from "react";

export interface JobSelection {
  /** The jobs chosen on this page. */
  ids: Set<string>;
  /** Every job of the tab that matches the search is meant, not only those on this page. */
  allMatching: boolean;
  isSelected(id: string): boolean;
  /** A click on a row's box: toggles it, or with Shift every row from the last one clicked to it. */
  click(id: string, shift: boolean, pageIds: readonly string[]): void;
  setPage(pageIds: readonly string[], selected: boolean): void;
  selectAllMatching(): void;
  clear(): void;
}

/** Which jobs of the list a bulk command is for. */
export function useJobSelection(): JobSelection {
  const [ids, setIds] = useState<Set<string>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [anchor, setAnchor] = useState<string>();
  const click = useCallback(
    (id: string, shift: boolean, pageIds: readonly string[]) => {
      setAllMatching(false);
      setIds((current) => {
        const next = new Set(current);
        const from = anchor === undefined ? -1 : pageIds.indexOf(anchor);
        const to = pageIds.indexOf(id);
        if (shift && from !== -1 && to !== -1) {
          // The range takes the state the anchor row has.
          const select = current.has(anchor as string);
          for (const rowId of pageIds.slice(Math.min(from, to), Math.max(from, to) + 1))
            if (select) next.add(rowId);
            else next.delete(rowId);
        } else if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      setAnchor(id);
    },
    [anchor],
  );
  return {
    ids,
    allMatching,
    isSelected: (id) => allMatching || ids.has(id),
    click,
    setPage: (pageIds, selected) => {
      setAllMatching(false);
      setIds(selected ? new Set(pageIds) : new Set());
    },
    selectAllMatching: () => setAllMatching(true),
    clear: () => {
      setIds(new Set());
      setAllMatching(false);
      setAnchor(undefined);
    },
  };
}
