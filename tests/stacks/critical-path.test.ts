/**
 * The bootstrap critical path must not grow with the number of workers: workers are configured
 * in parallel (Talos applies, k3s agents), only control planes are ordered.
 */
import { criticalPath } from "../../cli/artifacts/critical-path";
import { ok, readFixture, runProgram, type RawConfig } from "../harness";

const secrets = { "cloudflare:apiToken": "t", gitSshPrivateKey: "k", infisicalClientId: "i", infisicalClientSecret: "s", sshPrivateKey: "k", backupAccessKeyId: "a", backupSecretAccessKey: "b" };

/** The seed stack with its workers replaced by `n` generic ones on a /16. */
function withWorkers(file: string, n: number): RawConfig {
    const raw = structuredClone(readFixture(file).raw) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    raw.network = { ...raw.network, nodeCidr: raw.network.nodeCidr.replace(/\.\d+\.0\/\d+$/, ".0.0/16") };
    const cps = (raw.nodes as Array<{ role: string }>).filter((x) => x.role === "controlplane");
    const base = raw.network.nodeCidr.split(".").slice(0, 2).join(".");
    raw.nodes = [...cps, ...Array.from({ length: n }, (_, i) => ({ name: `worker-${i + 1}`, role: "worker", ip: `${base}.200.${i + 10}` }))];
    if (raw.storage?.rookCeph) raw.storage.rookCeph.devices = { useAllDevices: true };
    return raw;
}

describe.each(["Pulumi.homelab.yaml", "Pulumi.pi-k3s.yaml"])("critical path of %s", (file) => {
    it("is the same for 3 and for 30 workers", async () => {
        const few = criticalPath(ok(await runProgram(withWorkers(file, 3), { secrets })).resources);
        const many = criticalPath(ok(await runProgram(withWorkers(file, 30), { secrets })).resources);
        expect(few.length).toBeGreaterThan(5);
        expect(few.target).toMatch(/argoproj\.io\/v1alpha1:Application::root/);
        expect(many.length).toBe(few.length);
    });
});
