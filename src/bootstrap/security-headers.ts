import type { NextFunction, Request, Response } from 'express';

/** JSON answers load nothing and may be framed by no one. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Swagger UI at /docs: its scripts, styles and the OpenAPI document come from this origin; it uses
 * inline styles and data: images (icons). No inline script, no other origin.
 */
export const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The operator console: its own scripts and styles only, no inline script or style, talks to this
 * origin only, and may be framed by no one.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** nosniff, no framing, no referrer, and a Content-Security-Policy on every answer. */
export function securityHeaders() {
  return (request: Request, response: Response, next: NextFunction) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    response.setHeader('Content-Security-Policy', policyFor(request.path));
    next();
  };
}

function policyFor(path: string): string {
  if (path === '/docs' || path.startsWith('/docs/')) return DOCS_CONTENT_SECURITY_POLICY;
  if (path === '/console' || path.startsWith('/console/')) return CONSOLE_CONTENT_SECURITY_POLICY;
  return API_CONTENT_SECURITY_POLICY;
}
