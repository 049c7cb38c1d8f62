// Prints how many tests ran against MongoDB, so that a CI log shows the suite was not skipped.
class MongoCountReporter {
  onRunComplete(_contexts, results) {
    let passed = 0;
    let failed = 0;
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (!test.ancestorTitles.some((t) => t.includes('[mongodb]'))) continue;
        if (test.status === 'passed') passed++;
        if (test.status === 'failed') failed++;
      }
    }
    const uri = process.env.MONGODB_URI ? 'MONGODB_URI set' : 'MONGODB_URI not set';
    process.stdout.write(`\nMongoDB tests (${uri}): ${passed} passed, ${failed} failed\n`);
  }
}
module.exports = MongoCountReporter;
