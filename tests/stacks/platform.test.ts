/**
 * Issue #14 on the committed stacks: the path to the root of the GitOps tree, the handoff of
 * charts to Git, retained and Pod-Security-labelled namespaces, and the seed defects.
 * Each stack is planned once (the real program under the mock engine, as `npm run plan` does).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { plan } from "../../cli/plan";
import { criticalPath, criticalPathLine } from "../../cli/artifacts/critical-path";
import type { RecordedResource } from "../../cli/engine/recorder";
import { ROOT } from "../harness";

type Plan = Awaited<ReturnType<typeof plan>>;
const stacks = ["homelab", "pi-k3s", "ha-k3s", "proxmox-k3s", "nixos-k3s"] as const;
const plans = new Map<string, Plan>();
const RELEASE = "kubernetes:helm.sh/v3:Release";

beforeAll(async () => {
    for (const s of stacks) plans.set(s, await plan({ stack: s }, ROOT));
});

const P = (s: string) => plans.get(s)!;
const byUrn = (p: Plan) => new Map(p.run.resources.map((r) => [r.urn, r]));
const release = (p: Plan, name: string): RecordedResource => {
    const found = p.run.resources.filter((r) => r.type === RELEASE && r.inputs.name === name);
    if (found.length !== 1) throw new Error(`expected one release ${name}, found ${found.length}`);
    return found[0];
};
const values = (r: RecordedResource) => r.inputs.values as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** The layer a resource belongs to: the type of its nearest homelab component ancestor. */
function layerOf(p: Plan, r: RecordedResource): string {
    const m = byUrn(p);
    let cur: RecordedResource | undefined = r;
    while (cur) {
        if (cur.type.startsWith("homelab:")) return cur.type;
        cur = cur.parent ? m.get(cur.parent) : undefined;
    }
    return "";
}

describe("ordering: the path to the root Application", () => {
    it.each(stacks)("%s: ends at the root and holds no storage release and no cert-manager release", (s) => {
        const p = P(s);
        const cp = criticalPath(p.run.resources);
        const m = byUrn(p);
        const onPath = cp.path.map((u) => m.get(u)!);
        expect(onPath[onPath.length - 1].type).toMatch(/argoproj\.io\/v1alpha1:Application(Set)?$/);
        const releases = onPath.filter((r) => r.type === RELEASE);
        expect(releases.filter((r) => layerOf(p, r).startsWith("homelab:storage:")).map((r) => r.name)).toEqual([]);
        expect(releases.filter((r) => r.inputs.chart === "cert-manager").map((r) => r.name)).toEqual([]);
        expect(onPath.filter((r) => layerOf(p, r).startsWith("homelab:storage:") || layerOf(p, r) === "homelab:network:CertManager")).toEqual([]);
    });

    it("homelab: nodes -> Cilium -> ArgoCD -> root, and the plan says so", () => {
        const p = P("homelab");
        const cp = criticalPath(p.run.resources);
        const m = byUrn(p);
        const layers = cp.path.map((u) => layerOf(p, m.get(u)!));
        const firstAbove = layers.findIndex((l) => !l.startsWith("homelab:nodes:"));
        expect(firstAbove).toBeGreaterThan(0);
        // Collapse consecutive steps of the same component: what the operator waits for, in order.
        const steps = layers.slice(firstAbove).filter((l, i, a) => i === 0 || a[i - 1] !== l);
        expect(steps).toEqual(["homelab:network:Cilium", "homelab:gitops:ArgoCD", "homelab:gitops:RootApp"]);
        expect(criticalPathLine(cp, p.run.resources)).toMatch(/^path to the root Application \(\d+ steps\): .*Bootstrap\(homelab-bootstrap\) -> .* -> Release\(homelab-cilium-release\) -> .*Release\(argocd\) -> AppProject\(root-project\) -> Application\(root-application\)$/);
    });

    it.each(stacks)("%s: storage charts wait only for the API server and the CNI, never for cert-manager or the load balancer", (s) => {
        const p = P(s);
        const m = byUrn(p);
        const storage = p.run.resources.filter((r) => r.type === RELEASE && layerOf(p, r).startsWith("homelab:storage:"));
        const forbidden = new Set(
            p.run.resources.filter((r) => ["homelab:network:CertManager", "homelab:network:MetalLB", "homelab:network:KubeVipServices", "homelab:network:CiliumLoadBalancer"].includes(layerOf(p, r))).map((r) => r.urn),
        );
        for (const rel of storage) {
            const deps = closure(p, rel.urn);
            expect([...deps].filter((d) => forbidden.has(d)).map((d) => m.get(d)!.name)).toEqual([]);
        }
    });

    it("pi-k3s: ArgoCD's LoadBalancer Service needs an address, so its release waits for kube-vip (Helm's wait)", () => {
        const p = P("pi-k3s");
        const deps = closure(p, release(p, "argocd").urn);
        expect(deps.has(release(p, "kube-vip-cloud-provider").urn)).toBe(true);
        expect(deps.has(release(p, "longhorn").urn)).toBe(false);
        expect(deps.has(release(p, "cert-manager").urn)).toBe(false);
    });
});

/** Every custom resource `urn` waits for, transitively (components expand to their children). */
function closure(p: Plan, urn: string): Set<string> {
    const m = byUrn(p);
    const children = new Map<string, string[]>();
    for (const r of p.run.resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
    const expand = (u: string): string[] => {
        const r = m.get(u);
        if (!r) return [];
        return r.custom ? [u] : (children.get(u) ?? []).flatMap(expand);
    };
    const out = new Set<string>();
    const todo = [urn];
    while (todo.length > 0) {
        const r = m.get(todo.pop()!)!;
        for (const d of [...r.dependencies, ...(r.provider ? [r.provider] : [])].flatMap(expand)) {
            if (!out.has(d)) {
                out.add(d);
                todo.push(d);
            }
        }
    }
    return out;
}

describe("namespaces", () => {
    it.each(stacks)("%s: every Namespace the program creates has a Pod Security enforce level and is retained", (s) => {
        const nss = P(s).run.resources.filter((r) => r.type === "kubernetes:core/v1:Namespace");
        expect(nss.length).toBeGreaterThanOrEqual(2);
        for (const ns of nss) {
            const md = ns.inputs.metadata as { name: string; labels?: Record<string, string> };
            expect([md.name, ["privileged", "baseline", "restricted"].includes(md.labels?.["pod-security.kubernetes.io/enforce"] ?? "")]).toEqual([md.name, true]);
            expect([md.name, ns.retainOnDelete]).toEqual([md.name, true]);
        }
    });

    it("privileged only where the pods need host access", () => {
        const level = (s: string, name: string) => {
            const ns = P(s).run.resources.find((r) => r.type === "kubernetes:core/v1:Namespace" && (r.inputs.metadata as { name: string }).name === name);
            return (ns?.inputs.metadata as { labels: Record<string, string> } | undefined)?.labels["pod-security.kubernetes.io/enforce"];
        };
        expect(level("homelab", "rook-ceph")).toBe("privileged");
        expect(level("homelab", "openebs-system")).toBe("privileged");
        expect(level("ha-k3s", "metallb-system")).toBe("privileged");
        expect(level("ha-k3s", "longhorn-system")).toBe("privileged");
        expect(level("homelab", "network")).toBe("baseline");
        expect(level("homelab", "argocd")).toBe("baseline");
        expect(level("homelab", "cert-manager")).toBe("restricted");
        expect(level("proxmox-k3s", "nfs-provisioner")).toBe("baseline");
    });
});

describe("handoff to Git", () => {
    const handed = (r: RecordedResource) => r.retainOnDelete && ["chart", "version", "values"].every((k) => r.ignoreChanges.includes(k));

    it("homelab: the seed's Git-run charts are installed once, then ignored and kept; ArgoCD is not (yet)", () => {
        const p = P("homelab");
        for (const name of ["cilium", "cert-manager", "rook-ceph", "rook-ceph-cluster", "openebs"]) expect([name, handed(release(p, name))]).toEqual([name, true]);
        expect(handed(release(p, "argocd"))).toBe(false);
        const cloudflared = p.run.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment" && r.name === "homelab-tunnel-cloudflared")!;
        expect(cloudflared.ignoreChanges).toContain("spec");
        expect(cloudflared.retainOnDelete).toBe(true);
        // The tunnel itself and its token stay Pulumi's.
        const token = p.run.resources.find((r) => r.type === "kubernetes:core/v1:Secret" && r.name === "homelab-tunnel-token")!;
        expect(token.ignoreChanges).toEqual([]);
    });

    it("ha-k3s: MetalLB, cert-manager and Longhorn (the seed's cluster-init/critical apps) are handed over", () => {
        const p = P("ha-k3s");
        for (const name of ["metallb", "cert-manager", "longhorn"]) expect([name, handed(release(p, name))]).toEqual([name, true]);
    });

    it("stacks without handoff upgrade their charts from Pulumi", () => {
        const p = P("proxmox-k3s");
        for (const name of ["metallb", "cert-manager", "nfs-subdir-external-provisioner"]) expect([name, release(p, name).ignoreChanges]).toEqual([name, []]);
    });

    it.each(stacks)("%s: the stack file says who owns what next to gitops.handoff", (s) => {
        const text = fs.readFileSync(path.join(ROOT, `Pulumi.${s}.yaml`), "utf8");
        expect(text).toMatch(/# Who owns what/);
        expect(text).toMatch(/\n {4}handoff: \[/);
    });
});

describe("seed defects", () => {
    it("pi-k3s: the kube-vip Services DaemonSet stays off aimax (no eth0) and on every node that has eth0", () => {
        const v = values(release(P("pi-k3s"), "kube-vip-services"));
        const term = v.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0];
        expect(term.key).toBe("kubernetes.io/hostname");
        expect(term.operator).toBe("In");
        expect(term.values).not.toContain("aimax");
        expect(term.values).toEqual(expect.arrayContaining(["rpi1", "rpi8", "thor"]));
        expect(v.env.vip_interface).toBe("eth0");
    });

    it("pi-k3s: Longhorn tolerates the ai-inference taint, in its setting and on its manager and driver", () => {
        const v = values(release(P("pi-k3s"), "longhorn"));
        expect(v.defaultSettings.taintToleration).toBe("ai-inference=true:NoSchedule");
        const tol = { key: "ai-inference", operator: "Equal", value: "true", effect: "NoSchedule" };
        expect(v.longhornManager.tolerations).toEqual([tol]);
        expect(v.longhornDriver.tolerations).toEqual([tol]);
        // Slow on Raspberry Pis: an explicit Helm wait, longer than Helm's 5 minutes.
        expect(release(P("pi-k3s"), "longhorn").inputs.timeout).toBeGreaterThan(300);
    });

    it("nixos-k3s: Cilium reaches the API server on each server's own address, not on one node", () => {
        const p = P("nixos-k3s");
        const v = values(release(p, "cilium"));
        expect(p.spec.nodes.map((n) => n.ip)).not.toContain(v.k8sServiceHost);
        expect([v.k8sServiceHost, v.k8sServicePort]).toEqual(["127.0.0.1", 6443]);
    });

    it("nixos-k3s: snapshots and backups are scheduled, and the NixOS prerequisites are called out", () => {
        const p = P("nixos-k3s");
        const jobs = p.run.resources.filter((r) => r.type === "kubernetes:longhorn.io/v1beta2:RecurringJob").map((r) => (r.inputs.spec as { task: string }).task);
        expect(jobs.sort()).toEqual(["backup", "snapshot"]);
        expect(p.spec.warnings.map((w) => w.message).join("\n")).toMatch(/openiscsi/);
    });

    it("ha-k3s: one L2Advertisement per pool, the public pool on its VLAN interface only", () => {
        const ads = P("ha-k3s").run.resources.filter((r) => r.type === "kubernetes:metallb.io/v1beta1:L2Advertisement").map((r) => r.inputs.spec);
        expect(ads).toEqual([
            { ipAddressPools: ["private"], interfaces: ["eth0"] },
            { ipAddressPools: ["public"], interfaces: ["eth0.20"] },
        ]);
    });

    it("proxmox-k3s: NFS directories are {namespace}-{pvc-name}, as the seed's share holds them", () => {
        const sc = values(release(P("proxmox-k3s"), "nfs-subdir-external-provisioner")).storageClass;
        expect(sc.pathPattern).toBe("${.PVC.namespace}-${.PVC.name}");
        expect(sc.archiveOnDelete).toBe(false);
        expect(fs.readFileSync(path.join(ROOT, "Pulumi.proxmox-k3s.yaml"), "utf8")).toMatch(/# chosen: ArgoCD, though the seed plans FluxCD/);
    });

    it("homelab: Infisical project, environment and server reach the ClusterSecretStore output; ArgoCD has its URL", () => {
        const p = P("homelab");
        const store = p.run.outputs?.externalSecretsStore as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        expect(store.kind).toBe("ClusterSecretStore");
        expect(store.spec.provider.infisical.secretsScope).toEqual({ projectSlug: "home-ops-iu-g0", environmentSlug: "prod" });
        expect(store.spec.provider.infisical.hostAPI).toBe("https://eu.infisical.com");
        expect(store.spec.provider.infisical.auth.universalAuthCredentials.clientSecret).toEqual({ name: "infisical-universal-auth", namespace: "external-secrets", key: "clientSecret" });
        expect(values(release(p, "argocd")).global).toEqual({ domain: "argocd.example.com" });
    });

    it("homelab: OpenEBS leaves the VolumeSnapshot CRDs to Git and sets no key the chart does not have", () => {
        const v = values(release(P("homelab"), "openebs"));
        expect(v["openebs-crds"].csi.volumeSnapshots.enabled).toBe(false);
        expect(v.preUpgradeHook.enabled).toBeUndefined();
    });
});
