/** The look of the job page's secondary buttons, and of those that throw something away. */
export const button =
  "rounded-md border px-3 py-1 text-sm font-medium disabled:opacity-60 border-zinc-300 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900";
export const dangerButton =
  "border-red-300 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950";
