// The group name rule as a pure unit: the bounds the HTTP schema cannot reach (a name that
// is blank only after trimming, lengths after normalization) and the comparison key.
import { expect } from 'chai';
import { AppError } from '../../../src/errors.js';
import { normalizeGroupName } from '../../../src/domain/group-name.js';

const refused = (raw: string) => {
  try {
    normalizeGroupName(raw);
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).status).to.equal(400);
    return true;
  }
  return false;
};

describe('normalizeGroupName', () => {
  it('trims and keeps a one-character name', () => {
    expect(normalizeGroupName('  R \n').name).to.equal('R');
  });

  it('refuses a name that is empty or blank after trimming', () => {
    expect(refused('')).to.equal(true);
    expect(refused(' \t\u3000 ')).to.equal(true);
  });

  it('accepts 100 characters after trimming and refuses 101', () => {
    expect(normalizeGroupName(` ${'a'.repeat(100)} `).name).to.have.length(100);
    expect(refused('a'.repeat(101))).to.equal(true);
  });

  // Code points, as on branch sec-domain; main before that merge counts UTF-16 units.
  it('counts code points: 100 emoji are accepted, 101 refused', () => {
    expect([...normalizeGroupName('🏃'.repeat(100)).name]).to.have.length(100);
    expect(refused('🏃'.repeat(101))).to.equal(true);
  });

  it('stores the NFC form and gives names that differ in case or form one key', () => {
    const decomposed = 'Zoe\u0308 Runners';
    expect(normalizeGroupName(decomposed).name).to.equal('Zo\u00eb Runners');
    expect(normalizeGroupName('ZOË RUNNERS').key).to.equal(normalizeGroupName(decomposed).key);
  });

  it('keys lower-case, so that names sort as lower-case text: "_a" before "B"', () => {
    // '_' (U+005F) sorts after the capitals and before the small letters.
    expect(normalizeGroupName('_a').key < normalizeGroupName('B').key).to.equal(true);
  });
});
