/**
 * A second `pulumi up` after a typical config edit on the seed stacks: the exact URNs added,
 * removed, updated in place and replaced. Each row runs the real program twice under the mock
 * engine (not a preview: the run an `up` makes against existing state) and diffs the two
 * recordings with diffRecordings (tested in tests/contracts/update-diff.test.ts). Expected URNs
 * are written out literally. Rows filter to the resource families the edit touches, so
 * resources other work adds next to them (preflight checks, upgrade steps) need no change here.
 */
import { parse } from "yaml";
import { diffRecordings, type UpdateDiff } from "../../cli/contract/update-diff";
import type { RecordedResource } from "../../cli/engine/recorder";
import { requiredSecrets } from "../../config/required-secrets";
import { validateConfig } from "../../config/validate";
import { charts } from "../../config/versions";
import { ok, readFixture, runProgram, type RawConfig } from "../harness";

type Edit = (raw: RawConfig & Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Runs a seed stack's config (after `edit`) with a test value for every credential it needs. */
async function run(stack: string, edit: Edit = () => undefined, secrets: Record<string, string> = {}): Promise<RecordedResource[]> {
    const raw = structuredClone(readFixture(`Pulumi.${stack}.yaml`).raw) as RawConfig & Record<string, never>;
    edit(raw);
    const v = validateConfig(raw);
    if (!v.config) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    const all: Record<string, string> = {};
    for (const s of requiredSecrets(v.config)) all[s.key] = `test-${s.key}`;
    return ok(await runProgram(raw, { secrets: { ...all, ...secrets }, stack, project: "homelab", preview: false })).resources;
}

/** The diff restricted to URNs matching `keep`. */
function only(d: UpdateDiff, keep: RegExp): Omit<UpdateDiff, "changedPaths"> {
    const f = (xs: string[]) => xs.filter((u) => keep.test(u));
    return { added: f(d.added), removed: f(d.removed), updated: f(d.updated), replaced: f(d.replaced) };
}

const none = { added: [], removed: [], updated: [], replaced: [] };
const k3sCmd = (stack: string, name: string) => `urn:pulumi:${stack}::homelab::homelab:nodes:K3sCluster$command:remote:Command::${name}`;
const apply = (node: string) => `urn:pulumi:homelab::homelab::homelab:nodes:TalosCluster$talos:machine/configurationApply:ConfigurationApply::homelab-${node}`;
const PI_NODES = ["aimax", "rpi1", "rpi2", "rpi3", "rpi4", "rpi5", "rpi6", "rpi7", "rpi8", "thor"];
const ONLINE_NUCS = ["k8s-1", "k8s-2", "k8s-3", "k8s-5", "k8s-6", "k8s-7", "k8s-8", "k8s-9"];

const baselines = new Map<string, Promise<RecordedResource[]>>();
const baseline = (stack: string) => {
    if (!baselines.has(stack)) baselines.set(stack, run(stack));
    return baselines.get(stack)!;
};

describe("a second up after a config edit", () => {
    it("k3s version bump (pi-k3s): every node's install step is replaced, nothing is added or removed, the token is untouched", async () => {
        const d = diffRecordings(await baseline("pi-k3s"), await run("pi-k3s", (r) => (r.cluster.k3s.version = "v1.33.5+k3s1")));
        expect(only(d, /::homelab:nodes:K3sCluster\$command:remote:Command::pi-k3s-[\w-]+-(install|token)$/)).toEqual({
            ...none,
            replaced: PI_NODES.map((n) => k3sCmd("pi-k3s", `pi-k3s-${n}-install`)),
        });
        expect([...d.added, ...d.removed, ...d.updated, ...d.replaced].filter((u) => /RandomPassword|talos:machine\/secrets/.test(u))).toEqual([]);
    });

    it("Talos version bump (homelab): every online node's config is updated in place, no replacement, the machine secrets untouched", async () => {
        const d = diffRecordings(await baseline("homelab"), await run("homelab", (r) => (r.cluster.talos.version = "v1.13.10")));
        expect(only(d, /::homelab:nodes:TalosCluster\$talos:/)).toEqual({ ...none, updated: ONLINE_NUCS.map(apply) });
    });

    it("node added (pi-k3s worker rpi9): exactly its token, install, drain/uncordon (upgrade) and remove/uninstall (delete-only) steps are added", async () => {
        const d = diffRecordings(
            await baseline("pi-k3s"),
            await run("pi-k3s", (r) => r.nodes.push({ name: "rpi9", role: "worker", ip: "192.168.65.26", arch: "arm64", hardware: "Raspberry Pi" })),
        );
        expect(only(d, /::homelab:nodes:K3sCluster\$/)).toEqual({ ...none, added: ["drain", "install", "remove", "token", "uncordon", "uninstall"].map((step) => k3sCmd("pi-k3s", `pi-k3s-rpi9-${step}`)) });
        expect(d.removed).toEqual([]);
        expect(d.replaced).toEqual([]);
    });

    it("node added (homelab worker k8s-11): exactly its configuration apply is added", async () => {
        const d = diffRecordings(
            await baseline("homelab"),
            await run("homelab", (r) => r.nodes.push({ name: "k8s-11", role: "worker", ip: "10.0.60.31", installDisk: "/dev/nvme0n1", hardware: "Intel NUC" })),
        );
        expect(only(d, /::homelab:nodes:TalosCluster\$talos:/)).toEqual({ ...none, added: [apply("k8s-11")] });
        expect(d.removed).toEqual([]);
        expect(d.replaced).toEqual([]);
    });

    it("node removed (pi-k3s rpi8): exactly its steps are removed", async () => {
        const d = diffRecordings(await baseline("pi-k3s"), await run("pi-k3s", (r) => (r.nodes = r.nodes.filter((n: { name: string }) => n.name !== "rpi8"))));
        expect(only(d, /::homelab:nodes:K3sCluster\$/)).toEqual({ ...none, removed: ["drain", "install", "remove", "token", "uncordon", "uninstall"].map((step) => k3sCmd("pi-k3s", `pi-k3s-rpi8-${step}`)) });
        expect(d.replaced).toEqual([]);
    });

    // homelab hands rook-ceph over to Git (gitops.handoff): Pulumi ignores the release's values
    // after the first install, so the Ceph device list is Git's to change, not this run's.
    it("node removed (homelab k8s-9 with its Ceph disks): its apply goes, the handed-off Ceph cluster release is left alone", async () => {
        const d = diffRecordings(
            await baseline("homelab"),
            await run("homelab", (r) => {
                r.nodes = r.nodes.filter((n: { name: string }) => n.name !== "k8s-9");
                r.storage.rookCeph.devices.nodes = r.storage.rookCeph.devices.nodes.filter((n: { name: string }) => n.name !== "k8s-9");
            }),
        );
        expect(only(d, /::homelab:(nodes:TalosCluster\$talos:|storage:RookCeph\$)/)).toEqual({
            ...none,
            removed: [apply("k8s-9")],
        });
    });

    it("chart pin changed (Longhorn 1.12.1 -> 1.12.2 on pi-k3s): the Longhorn release alone is updated, on its version", async () => {
        const pin = charts.longhorn as { version: string };
        const before = await baseline("pi-k3s");
        const original = pin.version;
        let after: RecordedResource[];
        try {
            pin.version = "1.12.2";
            after = await run("pi-k3s");
        } finally {
            pin.version = original;
        }
        const d = diffRecordings(before, after);
        const release = "urn:pulumi:pi-k3s::homelab::homelab:storage:Longhorn$kubernetes:helm.sh/v3:Release::longhorn-release";
        expect(d).toEqual({ ...none, updated: [release], changedPaths: { [release]: ["version"] } });
    });

    // The node preflight steps carry the pool addresses (a fresh node's check that they are
    // unused), so they re-run read-only; nothing else in the cluster moves.
    it("LB pool changed (ha-k3s private pool shrunk): only that MetalLB pool is updated (and the read-only preflight re-runs)", async () => {
        const d = diffRecordings(await baseline("ha-k3s"), await run("ha-k3s", (r) => (r.loadBalancer.pools[0].addresses = ["10.10.10.200-10.10.10.240"])));
        const pool = "urn:pulumi:ha-k3s::homelab::homelab:network:MetalLB$kubernetes:metallb.io/v1beta1:IPAddressPool::ha-k3s-metallb-pool-private";
        const preflight = ["k3s-pi-1", "k3s-pi-2", "k3s-pi-3", "k3s-pi-4", "k3s-server-1", "k3s-server-2", "k3s-server-3", "k3s-vm-1", "k3s-vm-2", "k3s-vm-3"].map(
            (n) => `urn:pulumi:ha-k3s::homelab::homelab:nodes:Preflight$command:local:Command::ha-k3s-preflight-${n}`,
        );
        expect(d).toEqual({
            ...none,
            updated: [pool, ...preflight].sort(),
            changedPaths: { [pool]: ["spec.addresses.0"], ...Object.fromEntries(preflight.map((u) => [u, ["stdin"]])) },
        });
    });

    it("load balancer dropped while moving to Cilium (proxmox-k3s): MetalLB goes, servicelb stays disabled on every server", async () => {
        const after = await run("proxmox-k3s", (r) => {
            r.cni = { provider: "cilium", kubeProxyReplacement: false };
            r.loadBalancer = { provider: "none" };
        });
        const d = diffRecordings(await baseline("proxmox-k3s"), after);
        expect(only(d, /::homelab:network:MetalLB(\$[^:]+:[^:]+:[^:]+)?::proxmox-k3s-metallb$/)).toEqual({ ...none, removed: ["urn:pulumi:proxmox-k3s::homelab::homelab:network:MetalLB::proxmox-k3s-metallb"] });
        const servers = ["k3s-server-1", "k3s-server-2"].map((n) => after.find((r) => r.urn === k3sCmd("proxmox-k3s", `proxmox-k3s-${n}-install`))!);
        for (const s of servers) {
            // The k3s config.yaml each server receives on stdin (k3s-io/k3s docs: packaged components, --disable).
            const cfg = parse(String(s.plainInputs.stdin)) as { disable: string[]; "flannel-backend": string };
            expect(cfg.disable).toContain("servicelb");
            expect(cfg["flannel-backend"]).toBe("none");
        }
        expect(d.replaced).toEqual(expect.arrayContaining(servers.map((s) => s.urn)));
    });

    it("credential rotated (git SSH key on pi-k3s): only the repository secret is updated", async () => {
        const d = diffRecordings(await baseline("pi-k3s"), await run("pi-k3s", undefined, { gitSshPrivateKey: "rotated-key" }));
        const secret = "urn:pulumi:pi-k3s::homelab::homelab:gitops:Repository$kubernetes:core/v1:Secret::gitops-repo-secret";
        expect(d).toEqual({ ...none, updated: [secret], changedPaths: { [secret]: ["data.sshPrivateKey"] } });
    });

    it("credential rotated (Cloudflare token on homelab): only cert-manager's token secret is updated", async () => {
        const d = diffRecordings(await baseline("homelab"), await run("homelab", undefined, { "cloudflare:apiToken": "rotated-token" }));
        const secret = "urn:pulumi:homelab::homelab::homelab:network:CertManager$kubernetes:core/v1:Secret::homelab-cert-manager-cloudflare-token";
        expect(d).toEqual({ ...none, updated: [secret], changedPaths: { [secret]: ["stringData.api-token"] } });
    });

    it("credential rotated (SSH key on proxmox-k3s): remote steps are updated in place, none replaced, the token untouched", async () => {
        const d = diffRecordings(await baseline("proxmox-k3s"), await run("proxmox-k3s", undefined, { sshPrivateKey: "rotated-ssh-key" }));
        expect(d.added).toEqual([]);
        expect(d.removed).toEqual([]);
        expect(d.replaced).toEqual([]);
        expect(d.updated).toEqual(expect.arrayContaining([k3sCmd("proxmox-k3s", "proxmox-k3s-k3s-server-1-install"), k3sCmd("proxmox-k3s", "proxmox-k3s-k3s-server-1-token")]));
        // SSH steps get the new key in their connection; the preflight steps (which SSH too) on stdin.
        for (const [urn, paths] of Object.entries(d.changedPaths)) {
            if (urn.includes("$command:remote:Command::")) expect(paths).toEqual(["connection.privateKey"]);
            else expect([urn, paths]).toEqual([expect.stringContaining("homelab:nodes:Preflight$command:local:Command::proxmox-k3s-preflight-"), ["stdin"]]);
        }
    });
});
