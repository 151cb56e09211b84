import type { PatchSide } from "./patch-slices";

/** A reviewer's comment on one line of a job's diff. */
export interface ReviewComment {
  path: string;
  side: PatchSide;
  line: number;
  /** The line as the diff shows it, quoted so the model need not look it up. */
  quote: string;
  text: string;
}

/** Where a comment sits: a key that is the same for the form that writes it and the line that shows it. */
export function reviewCommentKey(comment: Pick<ReviewComment, "path" | "side" | "line">): string {
  return `${comment.side}:${comment.line}:${comment.path}`;
}

/**
 * The follow-up prompt for a review: each comment with its file, its line and the line itself, in the order of the
 * files and lines, then the reviewer's note for the whole.
 */
export function reviewPrompt(comments: ReviewComment[], note = ""): string {
  const ordered = [...comments].sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || (a.side === "old" ? -1 : 1),
  );
  const items = ordered.map((comment, at) => {
    const where = `${comment.path}, line ${comment.line}${comment.side === "old" ? " (a line you removed)" : ""}`;
    const quote = comment.quote === "" ? "   > (an empty line)" : `   > ${comment.quote}`;
    const text = comment.text
      .trim()
      .split("\n")
      .map((line) => `   ${line}`)
      .join("\n");
    return `${at + 1}. ${where}:\n${quote}\n${text}`;
  });
  const parts = [
    items.length > 0 ? `Please address these review comments on your changes:\n\n${items.join("\n\n")}` : "",
    note.trim(),
  ];
  return parts.filter(Boolean).join("\n\n");
}
