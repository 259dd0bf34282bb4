/**
 * The console's session cookie. HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Path=/ (console pages and /v1 both need it), Secure when the request came over TLS. No
 * Max-Age: the browser drops it when it closes; the server ends the session on its own clock anyway.
 */
export const SESSION_COOKIE = 'cr_session';

/** The value of one cookie in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

export function sessionCookie(token: string, secure: boolean): string {
  return [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}

/** Tells the browser to forget the cookie (sign-out, or a session that is no longer valid). */
export function expiredSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : []), 'Max-Age=0', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT'].join('; ');
}
