// Mocha's spec reporter, plus the run's counts written to TEST_COUNTS_FILE so that
// test/run-suites.mjs can print one summary for both databases.
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      if (process.env.TEST_COUNTS_FILE) writeFileSync(process.env.TEST_COUNTS_FILE, JSON.stringify(this.stats));
    });
  }
}

module.exports = CountingReporter;
