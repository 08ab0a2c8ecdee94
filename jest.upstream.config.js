/**
 * `npm run test:upstream`: tests against reference material outside the repository
 * (../shared, present on the project's machines and in its CI, not in a plain clone).
 * @type {import('jest').Config}
 */
const base = require("./jest.config");

module.exports = { ...base, testPathIgnorePatterns: ["/node_modules/"], testMatch: ["<rootDir>/tests/upstream/**/*.test.ts"] };
