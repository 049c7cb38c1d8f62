// Starts the suites that run bot processes first: they take longest, mostly waiting on
// restarts, leases and outages, so the other suites fill the workers meanwhile. Jest's own
// order (last failures, then longest last time, else largest file) decides within each group;
// a clean clone has no timings, and these files are short.
const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

const STARTS_PROCESSES = /\bstart(ProcessWorld|BotProcess)\(/;

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const slow = (test) => STARTS_PROCESSES.test(fs.readFileSync(test.path, 'utf8'));
    return [...sorted.filter(slow), ...sorted.filter((test) => !slow(test))];
  }
}

module.exports = SlowFirstSequencer;
