/**
 * `npm test` = `jest --ci`: a missing snapshot fails instead of being written. Everything under
 * tests/ runs, except tests/upstream/ (checks against the project's read-only reference material
 * outside the repository: `npm run test:upstream`, jest.upstream.config.js).
 * @type {import('jest').Config}
 */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/tests"],
    testMatch: ["**/*.test.ts"],
    testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/upstream/"],
    setupFilesAfterEnv: ["<rootDir>/tests/setup/fast-check.ts"],
    transform: {
        // tsconfig sets isolatedModules, so ts-jest transpiles file by file: type errors are
        // caught once by `npm run typecheck`, and a test file's start-up is module loading only.
        "^.+\\.ts$": "ts-jest",
    },
    testTimeout: 60000,
};
