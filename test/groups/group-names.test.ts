// docs/decisions.md, "Groups": the character rules of names and descriptions, the uniqueness key,
// and page tokens that stay short whatever the names.
import { expect } from 'chai';
import { checkDescription, groupNameKey, normalizeGroupName } from '../../src/domain/group-name.js';
import { AppError } from '../../src/errors.js';
import { newId } from '../../src/domain/ids.js';
import { errorPaths } from '../support/problems.js';
import {
  bearer,
  coachOfNewOrganization,
  createGroupVia,
  createOrganization,
  db,
  testApp,
  uniqueName,
} from '../support/world.js';

type Agent = ReturnType<typeof testApp>['request'];

const runner = '\u{1F3C3}'; // 🏃, one code point, two UTF-16 units

describe('group names and descriptions', () => {
  let request: Agent;
  let coachId: string;
  let coach: { Authorization: string };

  before(async () => {
    request = testApp().request;
    ({ coachId, coach } = await coachOfNewOrganization());
  });

  const create = (body: Record<string, unknown>) =>
    request
      .post('/api/v1/groups')
      .set(coach)
      .send({ user_id: coachId, ...body });

  describe('length in code points', () => {
    it('accepts a name of 100 emoji (200 UTF-16 units) and gives it back unchanged', async () => {
      const name = runner.repeat(100);
      const response = await create({ name });
      expect(response.status, response.text).to.equal(200);
      const group = await request.get(`/api/v1/groups/${response.body.group_id}`).set(coach);
      expect(group.body.name).to.equal(name);
      expect(group.body.name.length).to.equal(200);
    });

    it('refuses a name of 101 emoji', async () => {
      const response = await create({ name: runner.repeat(101) });
      expect(response.status).to.equal(400);
      expect(errorPaths(response.body)).to.deep.equal(['/body/name']);
    });

    it('accepts a description of 1000 emoji and refuses 1001', async () => {
      const ok = await create({ name: uniqueName('Long description'), description: runner.repeat(1000) });
      expect(ok.status, ok.text).to.equal(200);
      const stored = await request.get(`/api/v1/groups/${ok.body.group_id}`).set(coach);
      expect(stored.body.description).to.equal(runner.repeat(1000));
      const tooLong = await create({ name: uniqueName('Too long'), description: runner.repeat(1001) });
      expect(tooLong.status).to.equal(400);
      expect(errorPaths(tooLong.body)).to.deep.equal(['/body/description']);
    });
  });

  describe('characters', () => {
    const refusedNames: [string, string][] = [
      ['a bell', 'Block\u0007A'],
      ['a NUL', 'Block\u0000A'],
      ['a DEL', 'Block\u007FA'],
      ['a C1 control', 'Block\u0085A'],
      ['an inner newline', 'Block\nA'],
      ['a right-to-left override', 'Block \u202Enur'],
      ['a left-to-right embedding', '\u202ABlock'],
      ['a first-strong isolate', 'Block \u2068A'],
      ['a pop directional isolate', 'Block A\u2069'],
    ];
    for (const [what, name] of refusedNames) {
      it(`refuses a name with ${what} (400 from the spec's pattern)`, async () => {
        const response = await create({ name });
        expect(response.status).to.equal(400);
        expect(errorPaths(response.body)).to.deep.equal(['/body/name']);
        expect(response.body.errors[0].message).to.match(/^must match pattern/);
      });
    }

    for (const [what, name] of [
      ['a zero-width space', '\u200B'],
      ['joiners', '\u200D\u200C'],
      ['a soft hyphen and a word joiner', '\u00AD\u2060'],
      ['a Hangul filler', '\u3164'],
      ['spaces around a zero-width space', ' \u200B '],
    ]) {
      it(`refuses a name made only of ${what}`, async () => {
        const response = await create({ name });
        expect(response.status).to.equal(400);
        expect(errorPaths(response.body)).to.deep.equal(['/body/name']);
        expect(response.body.detail).to.equal('The group name must contain a visible character.');
      });
    }

    it('accepts names with letters the pattern spells out (p, C, u) and other scripts', async () => {
      for (const name of [uniqueName('pCc u202A'), uniqueName('Läufer 跑步 عدّاؤون'), uniqueName('Équipe\u00A0A')]) {
        const response = await create({ name });
        expect(response.status, name).to.equal(200);
        const stored = await request.get(`/api/v1/groups/${response.body.group_id}`).set(coach);
        expect(stored.body.name, name).to.equal(name);
      }
    });

    it('accepts newline and tab in a description, and refuses other control characters', async () => {
      const ok = await create({ name: uniqueName('Lines'), description: 'Week 1:\n\tintervals' });
      expect(ok.status).to.equal(200);
      const group = await request.get(`/api/v1/groups/${ok.body.group_id}`).set(coach);
      expect(group.body.description).to.equal('Week 1:\n\tintervals');
      for (const description of ['carriage\r\nreturn', 'nul\u0000', 'escape \u001B[31m', 'c1 \u009B']) {
        const response = await create({ name: uniqueName('Control'), description });
        expect(response.status, JSON.stringify(description)).to.equal(400);
        expect(errorPaths(response.body)).to.deep.equal(['/body/description']);
        expect(response.body.errors[0].message).to.match(/^must match pattern/);
      }
      const update = await request
        .put(`/api/v1/groups/${ok.body.group_id}`)
        .set(coach)
        .send({ description: 'bell\u0007' });
      expect(update.status).to.equal(400);
      expect(errorPaths(update.body)).to.deep.equal(['/body/description']);
    });

    it('the service applies the same rules when no validator stands before it', () => {
      expect(normalizeGroupName(`  ${runner.repeat(100)} `).name).to.equal(runner.repeat(100));
      expect(() => normalizeGroupName(runner.repeat(101))).to.throw('1 to 100 characters');
      expect(() => normalizeGroupName('a\u0001b')).to.throw('control');
      expect(() => normalizeGroupName('a\u2067b')).to.throw('control');
      expect(() => normalizeGroupName(' \uFEFF ')).to.throw('1 to 100 characters');
      expect(() => normalizeGroupName('\u200B\u200C')).to.throw('visible character');
      expect(checkDescription('a\n\tb')).to.equal('a\n\tb');
      expect(() => checkDescription('a\rb')).to.throw('control');
      expect(() => checkDescription(runner.repeat(1001))).to.throw('at most 1000');
      for (const [description, message] of [
        ['a\rb', 'must not contain control characters other than newline and tab'],
        [runner.repeat(1001), 'must have at most 1000 characters'],
      ] as const) {
        try {
          checkDescription(description);
          expect.fail(`accepted ${JSON.stringify(description.slice(0, 10))}`);
        } catch (error) {
          expect(error).to.be.instanceOf(AppError);
          expect((error as AppError).status).to.equal(400);
          expect((error as AppError).message).to.equal(`The description ${message}.`);
          expect((error as AppError).invalidFields).to.deep.equal([{ field: 'description', message }]);
        }
      }
    });
  });

  describe('uniqueness', () => {
    it('computes the key by trim, NFKC, default-ignorables removed, whitespace collapsed, lower case', () => {
      expect(groupNameKey('Marathon Block A')).to.equal('marathon block a');
      expect(groupNameKey('Marathon\u200B Block A')).to.equal('marathon block a');
      expect(groupNameKey('ＭARATHON  block a')).to.equal('marathon block a');
      expect(groupNameKey(' \uFEFFMarathon\u00A0\tBlock\u2060 A\u200D ')).to.equal('marathon block a');
      expect(groupNameKey('ﬁve Ⅸ')).to.equal('five ix');
      // Whitespace that only removing the default-ignorables brings to an end is trimmed too.
      expect(groupNameKey('\u200B Marathon Block A \u200D')).to.equal('marathon block a');
      expect(groupNameKey('\u2060\u00A0a')).to.equal('a');
    });

    it('keeps a key of exactly the column width whole, and digests one code point more', () => {
      // U+FDFA expands to 18 code points under NFKC: 22 of them and 4 letters are 400.
      const exact = '\uFDFA'.repeat(22) + 'abcd';
      const key = groupNameKey(exact);
      expect([...key]).to.have.length(400);
      expect(key).to.equal(exact.normalize('NFKC'));
      const longer = groupNameKey(`${exact}e`);
      expect([...longer]).to.have.length(400);
      expect(longer).to.match(/#[0-9a-f]{64}$/);
    });

    it('a key that NFKC makes longer than the column keeps a prefix and a digest', () => {
      // U+FDFA expands to 18 code points under NFKC.
      const key = groupNameKey('\uFDFA'.repeat(100));
      expect([...key]).to.have.length(400);
      expect(key).to.match(/#[0-9a-f]{64}$/);
      expect(groupNameKey('\uFDFA'.repeat(99) + 'x')).not.to.equal(key);
    });

    it('answers 409 to zero-width, full-width and spacing variants of an existing name', async () => {
      const base = uniqueName('Marathon Block A');
      await createGroupVia(request, coach, { name: base, user_id: coachId });
      const [word, rest] = [base.slice(0, 8), base.slice(8)];
      const variants = [
        `${word}\u200B${rest}`,
        `${word.toUpperCase()}\u00A0\u00A0${rest.trimStart()}`,
        `\uFF2D${base.slice(1).toLowerCase()}`, // a full-width Ｍ
        `${word}\u2060${rest.replace(' ', '  ')}`,
        `\uFEFF${base}\u200D`,
      ];
      for (const name of variants) {
        const response = await create({ name });
        expect(response.status, JSON.stringify(name)).to.equal(409);
        expect(response.body.code).to.equal('group_name_taken');
      }
      const otherName = uniqueName('Other');
      const other = await createGroupVia(request, coach, { name: otherName, user_id: coachId });
      const rename = await request.put(`/api/v1/groups/${other}`).set(coach).send({ name: variants[0] });
      expect(rename.status).to.equal(409);
      expect(rename.body.code).to.equal('group_name_taken');
      expect((await request.get(`/api/v1/groups/${other}`).set(coach)).body.name).to.equal(otherName);
    });

    it('names that NFKC makes longer than the column are stored, and clash with themselves', async () => {
      const name = '\uFDFA'.repeat(100);
      const first = await create({ name });
      expect(first.status, first.text).to.equal(200);
      const stored = await request.get(`/api/v1/groups/${first.body.group_id}`).set(coach);
      expect(stored.body.name).to.equal(name);
      const again = await create({ name });
      expect(again.status).to.equal(409);
      expect(again.body.code).to.equal('group_name_taken');
    });
  });
});

describe('group list page tokens', () => {
  const maxTokenLength = 512;
  let request: Agent;

  beforeEach(() => {
    request = testApp().request;
  });

  /** An organization whose groups were stored before the name rules: any characters. */
  async function organizationWithLegacyGroups(names: string[]) {
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const now = new Date();
    const ids: string[] = [];
    for (const name of names) {
      const id = newId('grp');
      ids.push(id);
      await db()('groups').insert({
        id,
        org_id: org.id,
        name,
        name_key: groupNameKey(name),
        description: null,
        privacy: 'public',
        owner_id: coachId,
        created_at: now,
        updated_at: now,
      });
    }
    return { coach: await bearer(coachId), ids };
  }

  async function pageThrough(coach: { Authorization: string }, onPage?: (token: string) => Promise<void>) {
    const seen: string[] = [];
    const tokens: string[] = [];
    let token: string | null = null;
    do {
      const query: string = token ? `page_size=1&page_token=${token}` : 'page_size=1';
      const response = await request.get(`/api/v1/groups?${query}`).set(coach);
      expect(response.status, response.text).to.equal(200);
      seen.push(...response.body.groups.map((group: { group_id: string }) => group.group_id));
      token = response.body.next_page_token;
      if (token) {
        tokens.push(token);
        await onPage?.(token);
      }
    } while (token && seen.length < 100);
    return { seen, tokens };
  }

  it('stay under the maxLength with control characters in names, and page to the end', async () => {
    const names = [
      '\u0001'.repeat(100),
      `a${'\u0002'.repeat(99)}`,
      `b${'\u001F'.repeat(99)}`,
      `c${'\u202E'.repeat(99)}`,
      `d${'\u0000'.repeat(99)}`,
      'e',
    ];
    const { coach, ids } = await organizationWithLegacyGroups(names);
    const { seen, tokens } = await pageThrough(coach);
    expect([...seen].sort()).to.deep.equal([...ids].sort());
    expect(tokens).to.have.length(names.length - 1);
    for (const token of tokens) {
      expect(token.length).to.be.at.most(maxTokenLength);
      expect(token).to.match(/^[A-Za-z0-9_.-]+$/);
    }
  });

  it('stay short for the longest keys, and continue when the group a token points at is deleted', async () => {
    const names = ['\uFDFA'.repeat(100), `${'\u00E9'.repeat(99)}a`, `${'\u00E9'.repeat(99)}b`, runner.repeat(100)];
    const { coach, ids } = await organizationWithLegacyGroups(names);
    const { seen, tokens } = await pageThrough(coach);
    expect([...seen].sort()).to.deep.equal([...ids].sort());
    for (const token of tokens) expect(token.length).to.be.at.most(maxTokenLength);

    // Keys sort by UTF-8 bytes: éé…a < éé…b < ﷺ's expansion (صلى…) < 🏃…; the tokens of the é names
    // carry a cut key, completed from the group they point at.
    const first = await request.get('/api/v1/groups?page_size=1').set(coach);
    expect(first.body.groups[0].group_id).to.equal(ids[1]);
    await db()('groups').where({ id: ids[1] }).delete();
    const next = await request.get(`/api/v1/groups?page_size=2&page_token=${first.body.next_page_token}`).set(coach);
    expect(next.status).to.equal(200);
    // The cut key is a prefix of both é names: the list goes on from there, skipping nothing.
    expect(next.body.groups.map((group: { group_id: string }) => group.group_id)).to.deep.equal([ids[2], ids[0]]);
  });

  it('carry the whole key up to 160 bytes of it as JSON, and cut a longer key at that limit', async () => {
    const han = '\u6F22'; // 漢, three bytes in UTF-8 and in JSON
    // 1 + 53 × 3 = 160 bytes: whole. 1 + 99 × 3 = 298: cut to the first 160.
    const names = [`a${han.repeat(53)}`, `b${han.repeat(99)}`, 'c'];
    const { coach, ids } = await organizationWithLegacyGroups(names);
    const { seen, tokens } = await pageThrough(coach);
    expect(seen).to.deep.equal(ids);
    const cursor = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
    expect(tokens.map(cursor)).to.deep.equal([
      { id: ids[0], key: names[0] },
      { id: ids[1], key: `b${han.repeat(53)}`, cut: true },
    ]);
  });
});
