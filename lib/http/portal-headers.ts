/**
 * Headers for every portal page. Next's App Router streams inline bootstrap scripts, so scripts
 * need 'unsafe-inline' unless every page is rendered per request with a nonce; we keep static
 * docs pages static and instead forbid every foreign origin, framing, plugins and base-tag tricks.
 */
export function portalSecurityHeaders(options: {
  dev: boolean;
  secure: boolean;
  oauthOrigins: string[];
}): Record<string, string> {
  const scriptSrc = ["'self'", "'unsafe-inline'", ...(options.dev ? ["'unsafe-eval'"] : [])];
  const connectSrc = ["'self'", ...(options.dev ? ["ws:", "wss:"] : [])];
  const csp = [
    "default-src 'self'",
    `script-src ${scriptSrc.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connectSrc.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${options.oauthOrigins.join(" ")}`.trim(),
    "frame-ancestors 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (options.secure) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}
