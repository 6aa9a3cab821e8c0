// The docs page's serve-time rewrite as a pure unit (src/http/docs-page.ts).
import { expect } from 'chai';
import { localizedDocs, withInlineLogo } from '../../../src/http/docs-page.js';

const servers = [{ url: 'https://api.astral.run', description: 'Production' }];
const page = [
  '"servers":[{"url":"https://api.astral.run","description":"Production"}]',
  'curl https://api.astral.run/api/v1/groups',
  "createGroupsClient({ baseUrl: 'https://api.astral.run', token })",
  'contact https://api.astral.run/docs',
].join('\n');

describe('docs page rewrite', () => {
  it('lists another host first and points the samples at it, leaving other links alone', () => {
    expect(localizedDocs(page, servers, 'http://localhost:3000').split('\n')).to.deep.equal([
      '"servers":[{"url":"http://localhost:3000","description":"This server (serving these docs)"},{"url":"https://api.astral.run","description":"Production"}]',
      'curl http://localhost:3000/api/v1/groups',
      "createGroupsClient({ baseUrl: 'http://localhost:3000', token })",
      'contact https://api.astral.run/docs',
    ]);
    expect(localizedDocs(page, servers, 'http://[::1]:8080')).to.include('curl http://[::1]:8080/api/v1/groups');
  });

  it("leaves the page as built for a server's own host, whatever the scheme, and without servers", () => {
    expect(localizedDocs(page, servers, 'http://api.astral.run')).to.equal(page);
    expect(localizedDocs(page, servers, 'https://api.astral.run')).to.equal(page);
    expect(localizedDocs(page, [], 'http://localhost:3000')).to.equal(page);
    expect(localizedDocs(page, [{ url: '/relative' }, ...servers], 'http://localhost:3000')).to.include(
      'curl https://api.astral.run/api/v1/groups',
    );
  });

  it('writes nothing that is not a plain origin into the page', () => {
    for (const origin of [
      'http://evil"><script>',
      'javascript://x',
      'http://localhost:3000/path',
      'http://a b',
      'http://host:123456',
      ' http://localhost:3000',
    ])
      expect(localizedDocs(page, servers, origin), origin).to.equal(page);
  });

  it("replaces Redocly's CDN logos by an inline image", () => {
    const html = withInlineLogo(
      'src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`',
    );
    expect(html).to.not.include('cdn.redoc.ly');
    expect(html.match(/data:image\/svg\+xml,%3Csvg/g)).to.have.length(2);
  });
});
