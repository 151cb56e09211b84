/**
 * A URL fit to show and store: whatever it carries before `@` (a user name and password, or a key passed as
 * either) is replaced by `***`. What cannot be parsed as a URL is redacted the same way by its shape.
 */
export function redactUrlCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "***";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url.replace(/^([^:/?#]*:\/\/)[^/?#]*@/, "$1***@");
  }
}
