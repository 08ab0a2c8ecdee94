/**
 * The loader as the program runs it: credentials must be secret, required credentials must be
 * present, and the spec handed to the layers is frozen and carries secrets as secret Outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadSpec } from "../../config/load";
import type { ClusterSpec } from "../../config/spec";
import { runUnderMocks } from "../../cli/engine/run";
import { baseConfig, outputValue, runProgram, toRuntimeConfig } from "../harness";

describe("loadSpec", () => {
    it("rejects a credential passed in plain text, without echoing it", async () => {
        const cfg = baseConfig("k3s");
        const { config: base, secretKeys } = toRuntimeConfig(cfg);
        const config = { ...base, "homelab:sshPrivateKey": "PLAIN-TEXT-KEY-CANARY" };
        const r = await runUnderMocks(() => loadSpec(), { config, secretKeys, stack: "t" });
        expect(r.errors).toHaveLength(1);
        expect(r.errors[0].message).toContain("homelab:sshPrivateKey: [redacted] is stored in plain text");
        expect(r.errors[0].message).not.toContain("PLAIN-TEXT-KEY-CANARY");
    });

    it("names a missing required credential and the setting that needs it", async () => {
        const r = await runProgram(baseConfig("k3s"));
        expect(r.errors.map((e) => e.message).join("\n")).toContain(
            "homelab:sshPrivateKey: (unset) is required by cluster.distribution: k3s; run: pulumi config set --secret sshPrivateKey < ~/.ssh/id_ed25519",
        );
        expect(r.resources.map((x) => x.type)).toEqual(["pulumi:pulumi:Stack"]);
    });

    it("requires cloudflare:apiToken when the stack uses Cloudflare", async () => {
        const cfg = { ...baseConfig(), cloudflare: { zone: "example.com", dnsRecords: [{ name: "a", type: "A", content: "10.0.0.50" }] } };
        const r = await runProgram(cfg);
        expect(r.errors.map((e) => e.message).join("\n")).toContain("cloudflare:apiToken: (unset) is required by homelab:cloudflare");
    });

    it("returns a frozen spec with defaults resolved and credentials as secret Outputs", async () => {
        let spec: ClusterSpec | undefined;
        const { config, secretKeys } = toRuntimeConfig(baseConfig("k3s"), { sshPrivateKey: "KEY-CANARY" });
        const r = await runUnderMocks(() => {
            spec = loadSpec();
            return {};
        }, { config, secretKeys, stack: "t" });
        expect(r.errors).toEqual([]);
        expect(Object.isFrozen(spec)).toBe(true);
        expect(Object.isFrozen(spec!.nodes[0])).toBe(true);
        expect(spec!.network.podCidr).toBe("10.42.0.0/16"); // k3s default
        expect(spec!.cluster.k3s?.install).toBe("script");
        expect(spec!.cluster.talos).toBeUndefined();
        expect(spec!.apiServerUrl).toBe("https://10.0.0.10:6443");
        expect(pulumi.Output.isInstance(spec!.secrets.sshPrivateKey)).toBe(true);
        await expect(outputValue(spec!.secrets.sshPrivateKey!)).resolves.toEqual({ value: "KEY-CANARY", known: true, secret: true });
        expect(spec!.secrets.gitToken).toBeUndefined();
    });

    it("treats an empty optional object (the Pulumi.yaml default) as unset", async () => {
        let spec: ClusterSpec | undefined;
        const { config, secretKeys } = toRuntimeConfig({ ...baseConfig(), cloudflare: {}, gitops: {}, storage: {} });
        const r = await runUnderMocks(() => {
            spec = loadSpec();
            return {};
        }, { config, secretKeys, stack: "t" });
        expect(r.errors).toEqual([]);
        expect(spec!.cloudflare).toBeUndefined();
        expect(spec!.gitops).toBeUndefined();
        expect(spec!.network.podCidr).toBe("10.244.0.0/16"); // Talos default
    });
});
