// Lint: typescript-eslint (type-aware, so the Pulumi rules can see Output types) plus
// @pulumi/eslint-plugin, which rejects an Output interpolated into a template literal (it would
// print "Calling [toString] on an [Output<T>] is not supported" instead of the value).
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
    { ignores: ["node_modules/**", "bin/**", "sdks/talos/bin/**", "plan/**", "coverage/**", "**/*.js", "**/*.mjs"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
            "@typescript-eslint/no-floating-promises": "error",
        },
    },
    {
        // The Talos binding mirrors the shape of Pulumi's generated SDKs (namespaced input/output
        // types, `any` at the wire boundary) so swapping in the published package changes nothing.
        files: ["sdks/talos/**/*.ts", "tests/sdk/**/*.ts"],
        linterOptions: { reportUnusedDisableDirectives: "off" },
        rules: {
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-namespace": "off",
            "@typescript-eslint/no-empty-object-type": "off",
            "no-var": "off",
        },
    },
    {
        // The mock-engine glue talks to untyped SDK internals through require().
        files: ["cli/engine/**/*.ts", "config/load.ts", "tests/**/*.ts"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
