// If-Match as a pure unit (src/http/etag.ts): the forms HTTP delivers already trimmed
// (test/groups/optimistic-concurrency.test.ts) and the ones it cannot, each pinned to the
// versions it matches.
import { expect } from 'chai';
import { AppError } from '../../../src/errors.js';
import { etagOf, ifMatchCondition } from '../../../src/http/etag.js';

/** Which of versions 1–12 (a group starts at 1) the header matches. */
const matched = (header: string) => {
  const condition = ifMatchCondition(header);
  expect(condition).to.be.a('function');
  return Array.from({ length: 12 }, (_, index) => index + 1).filter((version) => condition!(version));
};

const refused = (header: string) => {
  try {
    ifMatchCondition(header);
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).status).to.equal(400);
    expect((error as AppError).errors).to.deep.equal([
      { path: '/header/If-Match', message: 'must be * or a comma-separated list of quoted entity tags' },
    ]);
    return true;
  }
  return false;
};

describe('If-Match conditions', () => {
  it('sets no condition without the header', () => {
    expect(ifMatchCondition(undefined)).to.equal(undefined);
  });

  it('matches any version with `*`, surrounding whitespace or not', () => {
    expect(matched('*')).to.have.length(12);
    expect(matched(' *\t')).to.have.length(12);
  });

  it('matches the versions of the strong tags it lists, the tags we issue', () => {
    expect(matched(etagOf(3))).to.deep.equal([3]);
    expect(matched('"v9", "v2"')).to.deep.equal([2, 9]);
    expect(matched(' "v12" ,"v1" ')).to.deep.equal([1, 12]);
  });

  it('tolerates an empty last list element, whitespace after the comma included', () => {
    expect(matched('"v4",')).to.deep.equal([4]);
    expect(matched('"v4", ')).to.deep.equal([4]);
    expect(matched('"v4" , \t')).to.deep.equal([4]);
  });

  it('never matches a weak tag, in a list or alone', () => {
    expect(matched('W/"v5"')).to.deep.equal([]);
    expect(matched('W/"v5", "v6"')).to.deep.equal([6]);
    expect(matched('"v6", W/"v5"')).to.deep.equal([6]);
  });

  it('matches no version with a well-formed tag of another form than ours', () => {
    expect(matched('"xv1"')).to.deep.equal([]);
    expect(matched('"v1x"')).to.deep.equal([]);
    expect(matched('"1"')).to.deep.equal([]);
    expect(matched('"v0"')).to.deep.equal([]);
    expect(matched('"v01"')).to.deep.equal([]);
    expect(matched('""')).to.deep.equal([]);
    expect(matched('"xv1", "v1x", "v2"')).to.deep.equal([2]);
  });

  it('refuses a value that is not `*` or a list of quoted tags', () => {
    expect(refused('v3')).to.equal(true);
    expect(refused('"v3" "v4"')).to.equal(true);
    expect(refused('"v3", *')).to.equal(true);
    expect(refused('"v3')).to.equal(true);
    expect(refused('w/"v3"')).to.equal(true);
    expect(refused(',')).to.equal(true);
  });
});
