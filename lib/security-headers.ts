/** A job's files, served raw: whatever they hold (HTML, SVG) runs nothing and reaches nothing, even opened directly. */
const JOB_FILE_PATH = /^\/api\/jobs\/[^/]+\/(files\/|stderr$)/;
export const JOB_FILE_POLICY =
  "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/**
 * The Content-Security-Policy of a response: scripts only from this origin and with this response's nonce (Next puts
 * it on its own scripts; the theme script carries it too), nothing framed, forms and fetches only to this origin.
 * Styles may be inline: React and bull-board set style attributes. bull-board's page loads its scripts from its
 * static files and runs no inline script (its config block is JSON), so 'self' is enough there, as its scripts carry
 * no nonce. Development adds 'unsafe-eval', which Next's dev server needs.
 */
export function contentSecurityPolicy(nonce: string, development: boolean, pathname: string): string {
  if (JOB_FILE_PATH.test(pathname)) return JOB_FILE_POLICY;
  const scripts = pathname.startsWith("/admin/queues")
    ? "script-src 'self'"
    : `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`;
  return [
    "default-src 'self'",
    scripts,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries besides the policy. */
export const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};
