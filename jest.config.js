/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/tests"],
    testMatch: ["**/*.test.ts"],
    transform: {
        // isolatedModules: type errors are caught once by `npm run typecheck`, not per test file,
        // which keeps a file's start-up to module loading (see README "Tests").
        "^.+\\.ts$": ["ts-jest", { isolatedModules: true }],
    },
    moduleNameMapper: {
        "^@pulumiverse/talos$": "<rootDir>/sdks/talos/index.ts",
    },
    testTimeout: 60000,
};
