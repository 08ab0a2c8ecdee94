/**
 * The k3s node layer under the mock engine: what the engine receives for each topology, the
 * join order, secretness (canary SSH key and token never printed), preinstalled mode, change
 * isolation, preview safety, the kubeconfig into the provider, and the plan artifacts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { k3sArtifacts } from "../../cli/artifacts/k3s";
import type { RecordedResource } from "../../cli/engine/recorder";
import { plan } from "../../cli/plan";
import { k3sConfigYaml } from "../../components/nodes/k3s-config";
import { kubeVipManifestYaml } from "../../components/nodes/kube-vip-manifests";
import { images } from "../../config/versions";
import { everythingPrinted, ofType, ok, one, ROOT, runProgram, specFrom } from "../harness";
import { agent, CANARY, cluster, cmd, CMD, installDeps, secrets, server, threePlusAgents, TOKEN, urnOf, V, type Obj } from "./k3s-fixtures";

const FAKE_SERVER_TOKEN = /^K10offline-placeholder:lab-join-tokens-ca-hash::server:offline-placeholder:server-token$/;

describe("K3sCluster under the mock engine", () => {
    it("single server: token, kube-vip before k3s, install, tokens, kubeconfig, provider", async () => {
        const r = ok(await runProgram(cluster([server(1)]), { secrets, preview: false }));
        const comp = one(r, "homelab:nodes:K3sCluster", "lab");
        expect(ofType(r, CMD).map((c) => c.name).sort()).toEqual([
            "lab-cp1-install",
            "lab-cp1-kube-vip",
            "lab-cp1-remove",
            "lab-cp1-token",
            "lab-cp1-uninstall",
            "lab-join-tokens",
            "lab-kubeconfig",
        ]);
        for (const c of ofType(r, CMD)) {
            expect(c.parent).toBe(comp.urn);
            expect(c.version).toBe("1.2.1");
            // @pulumi/command marks the whole connection secret (it carries the private key).
            expect(c.inputs.connection).toBe("[secret]");
            expect(c.secretPaths).toContain("connection");
            expect(c.plainInputs.connection).toMatchObject({ host: "10.0.0.11", port: 22, user: "root", dialErrorLimit: 30, perDialTimeout: 10 });
            // Only the removal steps have a delete; nothing else ever uninstalls k3s on replace.
            if (!/-(remove|uninstall)$/.test(c.name)) expect(c.inputs.delete).toBeUndefined();
        }

        const token = one(r, TOKEN, "lab-token");
        const agentToken = one(r, TOKEN, "lab-agent-token");
        for (const t of [token, agentToken]) {
            expect(t.protect).toBe(true);
            expect(t.inputs).toMatchObject({ length: 64, special: false });
            expect(t.additionalSecretOutputs).toContain("result");
        }

        const tokenCmd = cmd(r, "lab-cp1-token");
        expect(tokenCmd.inputs.stdin).toBe("[secret]");
        expect(tokenCmd.secretPaths).toContain("stdin");
        // The node's preflight step first (stacks/preflight.ts), then the tokens it carries.
        const preflight = "urn:pulumi:test::homelab::homelab:nodes:Preflight$command:local:Command::lab-preflight-cp1";
        expect(tokenCmd.dependencies.sort()).toEqual([preflight, token.urn, agentToken.urn].sort());
        // The bootstrap server gets the cluster token and the agent token, one per line.
        expect(tokenCmd.plainInputs.stdin).toBe("fake-password-lab-token\nfake-password-lab-agent-token\n");

        const spec = specFrom(cluster([server(1)]));
        const kubeVip = cmd(r, "lab-cp1-kube-vip");
        expect(kubeVip.inputs.stdin).toBe(kubeVipManifestYaml({ vip: "10.0.0.10", interface: "eth0", port: 6443, image: images.kubeVip }));
        expect(kubeVip.inputs.create).toContain("/var/lib/rancher/k3s/server/manifests/homelab-kube-vip.yaml");

        const install = cmd(r, "lab-cp1-install");
        expect(install.inputs.stdin).toBe(k3sConfigYaml(spec, spec.nodes[0]));
        expect(install.inputs.stdin).toContain("cluster-init: true");
        expect(install.secretPaths).toEqual(["connection"]);
        expect(install.dependencies.sort()).toEqual([kubeVip.urn, tokenCmd.urn].sort());
        expect((install.inputs.triggers as string[])[0]).toBe(V);
        expect(install.inputs.update).toBe(install.inputs.create);
        // The single server refuses cluster-init where a cluster already answers.
        expect(String(install.inputs.create)).toContain("cacerts");

        const joinTokens = cmd(r, "lab-join-tokens");
        expect(joinTokens.inputs.logging).toBe("none");
        expect(joinTokens.additionalSecretOutputs).toContain("stdout");
        expect(joinTokens.dependencies).toEqual([install.urn]);

        const read = cmd(r, "lab-kubeconfig");
        expect(read.inputs.logging).toBe("none");
        expect(read.additionalSecretOutputs).toEqual(expect.arrayContaining(["stdout"]));
        expect(read.dependencies).toEqual([install.urn]);

        const provider = one(r, "pulumi:providers:kubernetes");
        expect(provider.inputs).toMatchObject({ clusterIdentifier: "lab", kubeconfig: "[secret]" });
        expect(provider.dependencies).toEqual([read.urn]);
        // The kubeconfig read back is followed through the rewrite into the provider.
        const kc = String(provider.plainInputs.kubeconfig);
        expect(kc).toContain("server: https://10.0.0.10:6443");
        expect(kc).not.toContain("127.0.0.1");
        expect(everythingPrinted(r)).not.toContain(CANARY);
        expect(everythingPrinted(r)).not.toContain("client-key-data");
    });

    it("3 servers + agents: servers chained from the bootstrap server, agents after the last server, secure tokens, no secret printed", async () => {
        const r = ok(await runProgram(threePlusAgents({ upgrade: { agentConcurrency: 3 } }), { secrets, preview: false }));
        expect(installDeps(r, "lab-cp1-install")).toEqual([]);
        expect(installDeps(r, "lab-cp2-install")).toEqual([urnOf(r, "lab-cp1-install")]);
        expect(installDeps(r, "lab-cp3-install")).toEqual([urnOf(r, "lab-cp2-install")]);
        for (const a of ["w1", "w2", "w3"]) {
            // Kubelets never newer than an API server: agents wait for the LAST server.
            expect(installDeps(r, `lab-${a}-install`)).toEqual([urnOf(r, "lab-cp3-install")]);
            expect(cmd(r, `lab-${a}-install`).dependencies).toContain(urnOf(r, `lab-${a}-token`));
        }
        expect(r.resources.some((x) => /^lab-w4-(token|install|labels)$/.test(x.name))).toBe(false); // offline
        expect(ofType(r, CMD).filter((c) => c.name.endsWith("-kube-vip")).map((c) => c.name)).toEqual(["lab-cp1-kube-vip"]);

        // Joining servers go through the bootstrap server; agents through the endpoint.
        expect(cmd(r, "lab-cp3-install").inputs.stdin).toContain("server: https://10.0.0.11:6443");
        expect(cmd(r, "lab-w3-install").inputs.stdin).toContain("server: https://10.0.0.10:6443");
        expect(cmd(r, "lab-w3-install").inputs.stdin).toContain("nvidia.com/gpu=true:NoSchedule");
        // Labels and taints go through the API from the bootstrap server, after that node joined.
        const labels = cmd(r, "lab-w3-labels");
        expect((labels.plainInputs.connection as Obj).host).toBe("10.0.0.11");
        expect(labels.dependencies).toEqual([urnOf(r, "lab-w3-install")]);
        expect(String(labels.inputs.create)).toContain("label node \"$node\" --overwrite '\\''nvidia.com/gpu.present=true'\\''");
        expect(ofType(r, CMD).filter((c) => c.name.endsWith("-labels")).map((c) => c.name)).toEqual(["lab-w3-labels"]);
        // Host key pinning and per-node SSH user.
        expect((cmd(r, "lab-cp3-install").plainInputs.connection as Obj).hostKey).toBe("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfCp3");
        expect((cmd(r, "lab-cp2-install").plainInputs.connection as Obj).hostKey).toBeUndefined();
        expect((cmd(r, "lab-w2-install").plainInputs.connection as Obj).user).toBe("ubuntu");
        expect(String(cmd(r, "lab-w2-install").inputs.create)).toMatch(/^sudo -n bash -c '/);

        // Joining nodes get the secure (K10, CA-pinning) tokens read back from the bootstrap server.
        const joinTokens = cmd(r, "lab-join-tokens");
        for (const s of ["cp2", "cp3"]) {
            const t = cmd(r, `lab-${s}-token`);
            expect(t.inputs.stdin).toBe("[secret]");
            const [serverToken, agentToken] = String(t.plainInputs.stdin).split("\n");
            expect(serverToken).toMatch(FAKE_SERVER_TOKEN);
            expect(agentToken).toMatch(/::node:/);
            expect(t.dependencies).toContain(joinTokens.urn);
        }
        for (const a of ["w1", "w2", "w3"]) {
            const t = cmd(r, `lab-${a}-token`);
            expect(t.inputs.stdin).toBe("[secret]");
            // Agents get only the agent token: it cannot join a server.
            expect(String(t.plainInputs.stdin)).toMatch(/^K10\S+::node:\S+\n$/);
        }
        const printed = everythingPrinted(r);
        expect(printed).not.toContain(CANARY);
        for (const secret of ["fake-password-lab-token", "fake-password-lab-agent-token", "offline-placeholder:server-token", "offline-placeholder:agent-token"]) {
            expect(printed).not.toContain(secret);
            for (const c of ofType(r, CMD)) {
                for (const field of ["create", "update", "delete"]) expect(String(c.plainInputs[field] ?? "")).not.toContain(secret);
                expect(JSON.stringify(c.plainInputs.environment ?? {})).not.toContain(secret);
            }
        }

        // The plan writer: one plain config.yaml per online node, plus the kube-vip manifest.
        const spec = specFrom(threePlusAgents());
        const files = k3sArtifacts({ resources: r.resources, spec });
        expect(files.map((f) => f.path).sort()).toEqual(
            ["cp1", "cp2", "cp3", "w1", "w2", "w3"]
                .map((n) => `k3s/${n}/config.yaml`)
                .concat([
                    "k3s/cp1/manifests/ServiceAccount_kube-system_kube-vip.yaml",
                    "k3s/cp1/manifests/ClusterRole__system-kube-vip-role.yaml",
                    "k3s/cp1/manifests/ClusterRoleBinding__system-kube-vip-binding.yaml",
                    "k3s/cp1/manifests/DaemonSet_kube-system_kube-vip.yaml",
                ])
                .sort(),
        );
        for (const n of spec.nodes.filter((x) => !x.offline)) {
            expect(files.find((f) => f.path === `k3s/${n.name}/config.yaml`)?.content).toBe(k3sConfigYaml(spec, n));
        }
        expect(parse(files.find((f) => f.path.endsWith("DaemonSet_kube-system_kube-vip.yaml"))?.content ?? "").kind).toBe("DaemonSet");
        for (const f of files) expect(f.content).not.toContain(CANARY);
    });

    it("2 servers without a VIP: warns about the even etcd member count, chains them, no kube-vip", async () => {
        const cfg = cluster([server(1), server(2), agent(1)], { network: { nodeCidr: "10.0.0.0/24", gateway: "10.0.0.1" } }, { bootstrapServer: "cp1" });
        (cfg.cluster as Obj).endpoint = "10.0.0.11";
        const r = ok(await runProgram(cfg, { secrets }));
        expect(ofType(r, CMD).filter((c) => c.name.endsWith("-kube-vip"))).toEqual([]);
        expect(cmd(r, "lab-w1-install").inputs.stdin).toContain("server: https://10.0.0.11:6443");
        expect(r.logs).toEqual(expect.arrayContaining([expect.objectContaining({ severity: "warning", message: expect.stringContaining("even etcd member count") })]));
        expect(installDeps(r, "lab-cp2-install")).toEqual([urnOf(r, "lab-cp1-install")]);
        expect(installDeps(r, "lab-w1-install")).toEqual([urnOf(r, "lab-cp2-install")]);
    });

    it("preinstalled (NixOS): no token, no install; the kubeconfig is read and labels set via the API", async () => {
        const cfg = cluster([server(1), server(2), server(3), agent(1, { labels: { "node.longhorn.io/create-default-disk": "false" } })], {}, { install: "preinstalled", bootstrapServer: "cp1" });
        const r = ok(await runProgram(cfg, { secrets, preview: false }));
        expect(ofType(r, TOKEN)).toEqual([]);
        expect(ofType(r, CMD).map((c) => c.name)).toEqual(["lab-w1-labels", "lab-kubeconfig"]);
        // Preinstalled: w1's labels are set through the API on the server it connects to (cp1), so
        // the command waits for cp1's preflight step.
        expect(cmd(r, "lab-w1-labels").dependencies).toEqual(["urn:pulumi:test::homelab::homelab:nodes:Preflight$command:local:Command::lab-preflight-cp1"]);
        const read = cmd(r, "lab-kubeconfig");
        expect(read.inputs.logging).toBe("none");
        expect(read.additionalSecretOutputs).toEqual(expect.arrayContaining(["stdout"]));
        expect((read.plainInputs.connection as Obj).host).toBe("10.0.0.11");
        // The read connects to cp1: it waits for cp1's preflight step only.
        expect(read.dependencies).toEqual(["urn:pulumi:test::homelab::homelab:nodes:Preflight$command:local:Command::lab-preflight-cp1"]);
        // Re-read when the bootstrap server, the path or kubeconfigRefresh change.
        expect(read.inputs.triggers).toEqual(["cp1", "/etc/rancher/k3s/k3s.yaml"]);
        const bumped = cluster([server(1), server(2), server(3)], {}, { install: "preinstalled", bootstrapServer: "cp1", kubeconfigRefresh: "2027-01" });
        expect(cmd(ok(await runProgram(bumped, { secrets })), "lab-kubeconfig").inputs.triggers).toEqual(["cp1", "/etc/rancher/k3s/k3s.yaml", "2027-01"]);
        expect(String(one(r, "pulumi:providers:kubernetes").plainInputs.kubeconfig)).toContain("server: https://10.0.0.10:6443");
        expect(k3sArtifacts({ resources: r.resources, spec: specFrom(cfg) })).toEqual([]);
        expect(everythingPrinted(r)).not.toContain(CANARY);
        expect(r.logs).toEqual(expect.arrayContaining([expect.objectContaining({ severity: "warning", message: expect.stringContaining("kube-vip is not deployed") })]));
    });

    it("an agents-only change leaves every server input untouched and re-runs only that agent", async () => {
        const before = threePlusAgents();
        const after = threePlusAgents();
        const nodes = after.nodes as Obj[];
        nodes[5] = { ...nodes[5], labels: { "nvidia.com/gpu.present": "true", "homelab/tier": "inference" }, k3sVersion: "v1.36.2+k3s1" };
        const [a, b] = [ok(await runProgram(before, { secrets })), ok(await runProgram(after, { secrets }))];
        const byName = (r: { resources: RecordedResource[] }) => new Map(r.resources.map((x) => [x.urn, x]));
        const [ma, mb] = [byName(a), byName(b)];
        expect([...mb.keys()].sort()).toEqual([...ma.keys()].sort());
        const changed = [...ma.keys()].filter((u) => JSON.stringify(ma.get(u)?.inputs) !== JSON.stringify(mb.get(u)?.inputs));
        expect(changed.map((u) => u.split("::").pop()).sort()).toEqual(["lab-w3-install", "lab-w3-labels"]);
        // The version change is visible per node in preview: triggers and the script itself.
        const [ia, ib] = [cmd(a, "lab-w3-install"), cmd(b, "lab-w3-install")];
        expect((ia.inputs.triggers as string[])[0]).toBe(V);
        expect((ib.inputs.triggers as string[])[0]).toBe("v1.36.2+k3s1");
        expect(String(ib.inputs.create)).toContain("k3s_version='\\''v1.36.2+k3s1'\\''");
        expect(String(ib.inputs.stdin)).toContain("homelab/tier=inference");
    });

    it("rebuilds with an existing token from homelab:k3sToken instead of generating one", async () => {
        const TOKEN_CANARY = "K10existing-cluster-token-canary::server:abc";
        const r = ok(await runProgram(cluster([server(1), agent(1)]), { secrets: { ...secrets, k3sToken: TOKEN_CANARY }, preview: false }));
        expect(ofType(r, TOKEN).map((t) => t.name)).toEqual(["lab-agent-token"]);
        const t = cmd(r, "lab-cp1-token");
        expect(t.inputs.stdin).toBe("[secret]");
        expect(String(t.plainInputs.stdin).split("\n")[0]).toBe(TOKEN_CANARY);
        expect(everythingPrinted(r)).not.toContain(TOKEN_CANARY);
    });

    it("preview of a fresh stack (every output unknown) completes with the kubeconfig unknown", async () => {
        const r = ok(await runProgram(threePlusAgents(), { secrets, timeoutMs: 30000 }));
        expect(r.errors).toEqual([]);
        const provider = one(r, "pulumi:providers:kubernetes");
        expect(["[secret]", "[unknown]"]).toContain(provider.inputs.kubeconfig);
        expect(provider.plainInputs.kubeconfig).toBe("[unknown]");
        // Plain inputs (config.yaml) are known in preview, so plan can show them.
        expect(cmd(r, "lab-cp1-install").inputs.stdin).toContain("cluster-init: true");
        expect(everythingPrinted(r)).not.toContain(CANARY);
    });

    it("plan of a k3s stack file writes k3s/<node>/config.yaml for every online node", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "k3s-plan-"));
        try {
            const cfg = threePlusAgents({ upgrade: { agentConcurrency: 3 } });
            const file = path.join(dir, "Pulumi.k3s-test.yaml");
            fs.writeFileSync(file, stringify({ config: Object.fromEntries(Object.entries(cfg).map(([k, v]) => [`homelab:${k}`, v])) }));
            const result = await plan({ file }, ROOT);
            const paths = result.files.map((f) => f.path);
            for (const n of ["cp1", "cp2", "cp3", "w1", "w2", "w3"]) expect(paths).toContain(`k3s/${n}/config.yaml`);
            expect(paths).not.toContain("k3s/w4/config.yaml");
            const resources = JSON.parse(result.files.find((f) => f.path === "resources.json")?.content ?? "[]") as Array<{ name: string; dependencies: string[]; protect: boolean }>;
            const res = (n: string) => resources.find((x) => x.name === n);
            expect(res("lab-cp3-install")?.dependencies.some((u) => u.endsWith("::lab-cp2-install"))).toBe(true);
            expect(res("lab-w1-install")?.dependencies.filter((u) => u.endsWith("-install"))).toEqual([expect.stringMatching(/::lab-cp3-install$/)]);
            expect(res("lab-token")?.protect).toBe(true);
            expect(res("lab-agent-token")?.protect).toBe(true);
            for (const f of result.files) expect(f.content).not.toContain("plan-placeholder");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
