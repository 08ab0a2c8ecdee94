import * as pulumi from "@pulumi/pulumi";
import { makeMocks } from "../../cli/engine/mocks";
import { baseConfig, ok, one, outputValue, runComponent, runProgram } from "../harness";

class Res extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super(type, name, props, opts);
    }
}

describe("mock-engine harness", () => {
    it("runs the real program and records the root stack with its outputs", async () => {
        const r = ok(await runProgram(baseConfig()));
        const stack = one(r, "pulumi:pulumi:Stack");
        expect(stack.name).toBe("homelab-test");
        expect(r.outputs?.clusterName).toBe("test");
        expect(r.outputs?.apiServerUrl).toBe("https://10.0.0.10:6443");
    });

    it("registers nothing but the stack when the config is invalid, and reports every error", async () => {
        const cfg = baseConfig();
        (cfg.nodes as Array<Record<string, unknown>>)[1].ip = "10.9.9.9";
        (cfg.network as Record<string, unknown>).podCidr = "10.0.0.0/16";
        const r = await runProgram(cfg);
        expect(r.resources.map((x) => x.type)).toEqual(["pulumi:pulumi:Stack"]);
        expect(r.errors).toHaveLength(1);
        expect(r.errors[0].message).toContain("homelab:nodes[1].ip: 10.9.9.9 is outside network.nodeCidr 10.0.0.0/24");
        expect(r.errors[0].message).toContain("homelab:network.podCidr: 10.0.0.0/16 overlaps network.nodeCidr");
    });

    it("records parent, dependencies, protect and secretness as the engine receives them", async () => {
        const r = ok(
            await runComponent(() => {
                const parent = new pulumi.ComponentResource("homelab:test:Parent", "p", {});
                const a = new Res("test:index:A", "a", { value: pulumi.secret("s3cr3t"), plain: "x" }, { parent, protect: true });
                new Res("test:index:B", "b", { fromA: a.id }, { parent, dependsOn: [parent] });
            }, { preview: false }),
        );
        const a = one(r, "test:index:A");
        const b = one(r, "test:index:B");
        expect(a.parent).toMatch(/homelab:test:Parent::p$/);
        // Real URNs: a top-level resource's type is not qualified with the root Stack's.
        expect(one(r, "homelab:test:Parent").urn).toBe("urn:pulumi:test::homelab::homelab:test:Parent::p");
        expect(a.urn).toBe("urn:pulumi:test::homelab::homelab:test:Parent$test:index:A::a");
        expect(a.protect).toBe(true);
        expect(a.inputs).toEqual({ value: "[secret]", plain: "x" });
        expect(a.plainInputs.value).toBe("s3cr3t");
        expect(a.secretPaths).toEqual(["value"]);
        expect(b.protect).toBe(false);
        expect(b.dependencies).toEqual(expect.arrayContaining([a.urn]));
    });

    it("fails loudly on an invoke it has no answer for", () => {
        // Checked on the mocks directly: under jest a rejected invoke Output escapes as an
        // unhandled rejection of the SDK's internals before a run could report it.
        const mocks = makeMocks({ preview: false });
        expect(() => mocks.call({ token: "nope:index:getThing", inputs: {}, provider: "" })).toThrow(
            "no offline answer for invoke nope:index:getThing",
        );
    });

    it("reads an Output's value, knownness and secretness", async () => {
        await expect(outputValue(pulumi.secret("x"))).resolves.toEqual({ value: "x", known: true, secret: true });
        await expect(outputValue(pulumi.output(3))).resolves.toEqual({ value: 3, known: true, secret: false });
    });
});
