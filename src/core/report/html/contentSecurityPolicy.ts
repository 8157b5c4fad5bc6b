import { createHash } from 'node:crypto';

/** A CSP source for one inline script or style: `'sha256-<base64>'` of its exact text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The page's Content-Security-Policy: nothing may be loaded or sent (`default-src 'none'` covers
 * connections, images, fonts, frames and media), and only the page's own inline script and style
 * run, by their hashes, so even markup that slipped into the page could run nothing. `base-uri`
 * and `form-action` do not fall back to `default-src`, hence their own entries.
 */
export function contentSecurityPolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${cspHash(script)}`,
    `style-src ${cspHash(style)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
