// The hosted docs page as the server that serves it should show it. Built once for production
// (dist/docs/index.html, `npm run docs`), it names the production server in its server list
// and code samples; served by any other host (a local run, a staging deploy), it lists that
// host first and its samples call it, so that a partner trying them does not hit production by
// accident. And the page's one outside asset, Redocly's logo on their CDN, which the page's
// CSP (rightly) blocks with a console error, is replaced by an inline image.

/** Redocly's CDN logo, and an inline stand-in that the CSP's `img-src data:` allows. */
const cdnLogo = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const inlineLogo =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11" fill="#6b7280">Redoc</text></svg>',
  );

/** An origin that may be written into the page: scheme, host name or IP, optional port; nothing else. */
const safeOrigin = /^https?:\/\/(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export interface ServerObject {
  url: string;
  description?: string;
}

/** The page with its logo inline; done once, whatever host asks. */
export function withInlineLogo(html: string): string {
  return html.replace(cdnLogo, inlineLogo);
}

/**
 * The page as `origin` serves it: unchanged when its host is one of the spec's servers' (or it
 * is not a plain origin: a forged Host header writes nothing into the page); otherwise with
 * `origin` first in the server list and in place of the first server's URL in the samples.
 */
export function localizedDocs(html: string, servers: ServerObject[], origin: string): string {
  const production = servers[0]?.url;
  if (!production || !safeOrigin.test(origin)) return html;
  // By host, not origin: behind a proxy that ends TLS, production's own requests arrive as http.
  const host = new URL(origin).host;
  if (servers.some((server) => URL.canParse(server.url) && new URL(server.url).host === host)) return html;
  const listed = `"servers":${JSON.stringify(servers)}`;
  const local = `"servers":${JSON.stringify([{ url: origin, description: 'This server (serving these docs)' }, ...servers])}`;
  return html
    .replace(listed, local)
    .replaceAll(`${production}/api/`, `${origin}/api/`)
    .replaceAll(`baseUrl: '${production}'`, `baseUrl: '${origin}'`);
}
