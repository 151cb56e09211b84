/**
 * The Content-Security-Policy of every response: scripts only from this origin and with this response's nonce (Next
 * puts it on its own scripts; the theme script carries it too), nothing framed, forms and fetches only to this
 * origin. Styles may be inline: React and bull-board set style attributes. Development adds 'unsafe-eval', which
 * Next's dev server needs.
 */
export function contentSecurityPolicy(nonce: string, development: boolean, pathname: string): string {
  // bull-board's page loads its scripts from its static files and has no inline script to run (its config block is
  // JSON): 'self' is enough there, and its scripts carry no nonce.
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
