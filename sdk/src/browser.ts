// What a failed fetch means in a browser. A request the browser blocks for CORS (the page's
// origin is not among the API's CORS_ORIGINS) and a network failure both reject with a bare
// TypeError, and a page may not learn which. A cross-origin failure from a page is therefore
// reported at once, naming CORS as the likely cause, and not retried: a CORS block would only
// be blocked again, after seconds of backoff.

/** The origin of the page the SDK runs in; undefined outside a browser. */
export function pageOrigin(): string | undefined {
  const scope = globalThis as { document?: unknown; location?: { origin?: string } };
  return scope.document !== undefined && typeof scope.location?.origin === 'string' ? scope.location.origin : undefined;
}

/** Whether a failed fetch of `url` may have been blocked by CORS: a TypeError, from a page, to another origin. */
export function mayBeCorsBlock(url: string, error: unknown, origin = pageOrigin()): boolean {
  return origin !== undefined && error instanceof TypeError && new URL(url, origin).origin !== origin;
}

export function corsHint(url: string, origin = pageOrigin()): string {
  return (
    `the browser refused the request to ${new URL(url, origin).origin}: most likely CORS (is this page's origin, ` +
    `${origin}, in the API's CORS_ORIGINS?), else the network`
  );
}
