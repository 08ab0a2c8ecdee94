/**
 * The secret guard of `plan` is itself tested: a writer that leaks (reads plainInputs, which the
 * writer contract forbids) must make `plan` refuse, whatever file, depth or length the secret has.
 */
import type { ArtifactWriter } from "../../cli/artifacts/types";
import type { RecordedResource } from "../../cli/engine/recorder";
import { plan, secretValues, writers } from "../../cli/plan";
import { assertNoSecrets } from "../../cli/secret-guard";
import { ROOT } from "../harness";

/** Puts every plain input of every resource into one innocent-looking file. */
const leakingWriter: ArtifactWriter = ({ resources }) => [
    { path: "notes/debug.txt", content: resources.map((r) => `${r.name}: ${JSON.stringify(r.plainInputs)}`).join("\n") },
];

describe("plan refuses to write a secret", () => {
    it.each(["homelab", "pi-k3s"])("refuses a plan of %s whose injected writer leaks a secret, naming the file and not the value", async (stack) => {
        const err = await plan({ stack }, ROOT, [...writers, leakingWriter]).then(() => undefined, (e: Error) => e);
        expect(err).toBeInstanceOf(Error);
        expect(err!.message).toMatch(/^refusing to write the plan: notes\/debug\.txt \(\d+ secret values?\) would contain a secret value$/);
        expect(err!.message).not.toContain("plan-placeholder(");
    });

    it("refuses a credential copied verbatim from the stack config (not only values derived from it)", async () => {
        // cert-manager's token Secret carries cloudflare:apiToken as-is in stringData.
        const verbatim: ArtifactWriter = ({ resources }) => [
            { path: "notes/tokens.txt", content: resources.filter((r) => r.type === "kubernetes:core/v1:Secret").map((r) => JSON.stringify(r.plainInputs.stringData ?? {})).join("\n") },
        ];
        await expect(plan({ stack: "homelab" }, ROOT, [verbatim])).rejects.toThrow("refusing to write the plan: notes/tokens.txt");
    });

    it("accepts the same plan with the real writers (the guard is not simply always on)", async () => {
        await expect(plan({ stack: "homelab" }, ROOT)).resolves.toHaveProperty("files");
    });

    it("refuses a secret embedded in a longer line of any file, not only the first or resources.json", () => {
        const files = [
            { path: "resources.json", content: "[]" },
            { path: "helm/x.yaml", content: "values:\n  token: abc-TOP-SECRET-xyz\n" },
            { path: "manifests/y.yaml", content: "ok" },
        ];
        expect(() => assertNoSecrets(files, ["nothing-here", "TOP-SECRET"])).toThrow("refusing to write the plan: helm/x.yaml (1 secret value) would contain a secret value");
        expect(() => assertNoSecrets(files, ["nothing-here"])).not.toThrow();
    });

    it("lists every leaking file", () => {
        const files = [{ path: "a", content: "s3cret1 s3cret2" }, { path: "b", content: "s3cret2" }];
        expect(() => assertNoSecrets(files, ["s3cret1", "s3cret2"])).toThrow("refusing to write the plan: a (2 secret values), b (1 secret value) would contain a secret value");
    });
});

describe("secretValues finds every secret the run saw", () => {
    const rec = (plainInputs: Record<string, unknown>, secretPaths: string[]) => ({ plainInputs, secretPaths, inputs: {} }) as unknown as RecordedResource;

    it("follows nested and indexed paths and the root, keeps 6-character secrets", () => {
        const values = secretValues({
            resources: [
                rec({ spec: { items: [{ token: "first-token" }, { token: "second-token" }] } }, ["spec.items[1].token"]),
                rec({ whole: "root-secret-value" }, ["(root)"]),
                rec({ key: "abcdef", short: "abc" }, ["key", "short"]),
            ],
        });
        expect(values.sort()).toEqual(["abcdef", "root-secret-value", "second-token"]);
    });

    it("does not count a value the stack file holds in plain text as a secret", () => {
        const r = [rec({ password: "hunter2-long" }, ["password"])];
        expect(secretValues({ resources: r }, {})).toEqual(["hunter2-long"]);
        expect(secretValues({ resources: r }, { "homelab:other": "hunter2-long" })).toEqual([]);
    });
});
