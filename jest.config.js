/** @type {import('jest').Config} */
module.exports = {
    preset: "ts-jest",
    testEnvironment: "node",
    roots: ["<rootDir>/tests"],
    moduleNameMapper: {
        "^@pulumiverse/talos$": "<rootDir>/sdks/talos/index.ts",
    },
};
