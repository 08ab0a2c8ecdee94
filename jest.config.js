/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/tests"],
    testMatch: ["**/*.test.ts"],
    transform: {
        // tsconfig sets isolatedModules, so ts-jest transpiles file by file: type errors are
        // caught once by `npm run typecheck`, and a test file's start-up is module loading only.
        "^.+\\.ts$": "ts-jest",
    },
    testTimeout: 60000,
};
