import type { ReactNode } from "react";

const LINK_STYLE = "text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300";

/** A button that shows or hides something beside it, saying to assistive technology which it is. */
export function DisclosureButton({
  open,
  onToggle,
  children,
  className = LINK_STYLE,
}: {
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
  className?: string;
}) {
  return (
    <button type="button" aria-expanded={open} onClick={onToggle} className={className}>
      {children}
    </button>
  );
}
