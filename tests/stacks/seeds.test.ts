/**
 * One test per seed stack: the components its owner describes are registered, and nothing the
 * seed does not use is. A regression in any variant (a layer that stops appearing, or starts
 * appearing where it does not belong) fails here.
 */
import { plan } from "../../cli/plan";
import type { RecordedResource } from "../../cli/engine/recorder";
import { ROOT } from "../harness";

type Plan = Awaited<ReturnType<typeof plan>>;
const components = (p: Plan) => [...new Set(p.run.resources.filter((r) => r.type.startsWith("homelab:")).map((r) => r.type))].sort();
const charts = (p: Plan) => p.run.resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release").map((r) => String(r.inputs.chart)).sort();
const ofType = (p: Plan, t: string): RecordedResource[] => p.run.resources.filter((r) => r.type === t);
const release = (p: Plan, chart: string) => p.run.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === chart)!;
const kinds = (p: Plan) => p.run.resources.filter((r) => r.custom && typeof r.inputs.kind === "string").map((r) => String(r.inputs.kind));

describe("homelab (nuc-talos): Talos NUCs, Cilium, tunnel, Rook-Ceph + OpenEBS, ArgoCD with Infisical", () => {
    let p: Plan;
    beforeAll(async () => {
        p = await plan({ stack: "homelab" }, ROOT);
    });
    it("registers exactly the seed's components", () => {
        expect(components(p)).toEqual([
            "homelab:gitops:ArgoCD", "homelab:gitops:BootstrapSecrets", "homelab:gitops:Repository", "homelab:gitops:RootApp",
            "homelab:network:CertManager", "homelab:network:Cilium", "homelab:network:CiliumLoadBalancer", "homelab:network:CloudflareTunnel",
            "homelab:nodes:Preflight", "homelab:nodes:TalosCluster", "homelab:nodes:TalosRollout", "homelab:storage:OpenEbs", "homelab:storage:RookCeph",
        ]);
        expect(charts(p)).toEqual(["argo-cd", "cert-manager", "cilium", "openebs", "rook-ceph", "rook-ceph-cluster"]);
    });
    it("configures the 8 online NUCs (not k8s-4, k8s-10) with the seed's extensions and VIP", () => {
        const applies = ofType(p, "talos:machine/configurationApply:ConfigurationApply");
        expect(applies.map((a) => a.inputs.node).sort()).toEqual(["10.0.60.21", "10.0.60.22", "10.0.60.23", "10.0.60.25", "10.0.60.26", "10.0.60.27", "10.0.60.28", "10.0.60.29"]);
        const schematic = String(ofType(p, "talos:imageFactory/schematic:Schematic")[0].inputs.schematic);
        for (const e of ["siderolabs/i915", "siderolabs/intel-ucode", "siderolabs/mei"]) expect(schematic).toContain(e);
        expect(p.files.find((f) => f.path === "talos/k8s-1.yaml")!.content).toContain("name: 10.0.60.10");
        expect(p.files.some((f) => f.path === "talos/k8s-4.yaml")).toBe(false);
    });
    it("exposes through Cloudflare and Cilium LB-IPAM, and roots ArgoCD in app-of-apps with Infisical credentials", () => {
        expect(kinds(p)).toEqual(expect.arrayContaining(["CiliumLoadBalancerIPPool", "CiliumL2AnnouncementPolicy", "Application", "ClusterIssuer"]));
        expect(ofType(p, "cloudflare:index/zeroTrustTunnelCloudflared:ZeroTrustTunnelCloudflared")).toHaveLength(1);
        // One CNAME per listed public hostname (no wildcard: docs/security.md).
        expect(ofType(p, "cloudflare:index/dnsRecord:DnsRecord")).toHaveLength(3);
        expect(kinds(p)).not.toContain("ApplicationSet");
        expect(p.run.resources.some((r) => (r.inputs.metadata as { name?: string } | undefined)?.name === "infisical-universal-auth")).toBe(true);
    });
});

describe("pi-k3s: Raspberry Pis + AI nodes, kube-vip, Longhorn with S3, Sealed Secrets, app-of-apps", () => {
    let p: Plan;
    beforeAll(async () => {
        p = await plan({ stack: "pi-k3s" }, ROOT);
    });
    it("registers exactly the seed's components", () => {
        expect(components(p)).toEqual([
            "homelab:gitops:ArgoCD", "homelab:gitops:Repository", "homelab:gitops:RootApp", "homelab:gitops:SealedSecretsKey",
            "homelab:network:CertManager", "homelab:network:KubeVipServices", "homelab:nodes:K3sCluster", "homelab:nodes:Preflight", "homelab:storage:Longhorn",
        ]);
        expect(charts(p)).toEqual(["argo-cd", "cert-manager", "kube-vip", "kube-vip-cloud-provider", "longhorn"]);
    });
    it("installs 3 servers and 7 agents, taints the inference nodes, and puts kube-vip on the first server", () => {
        const configs = p.files.filter((f) => /^k3s\/[^/]+\/config\.yaml$/.test(f.path));
        expect(configs).toHaveLength(10);
        expect(configs.filter((f) => f.content.includes("cluster-init: true")).map((f) => f.path)).toEqual(["k3s/rpi1/config.yaml"]);
        expect(p.files.find((f) => f.path === "k3s/thor/config.yaml")!.content).toContain("ai-inference=true:NoSchedule");
        expect(p.files.some((f) => f.path.startsWith("k3s/rpi1/manifests/DaemonSet_kube-system_kube-vip"))).toBe(true);
    });
    it("backs Longhorn up to S3 on a schedule and keeps the sync at 3 minutes", () => {
        expect(kinds(p)).toEqual(expect.arrayContaining(["RecurringJob", "Application"]));
        expect(JSON.stringify(release(p, "argo-cd").inputs.values)).toContain("180s");
        // No node is labelled for Longhorn disks: every node gets one (the chart's default).
        expect((release(p, "longhorn").inputs.values as { defaultSettings: Record<string, unknown> }).defaultSettings.createDefaultDiskLabeledNodes).toBeUndefined();
    });
});

describe("ha-k3s: 3 servers, Pi and VM workers, MetalLB public/private, Longhorn to MinIO, Vault, layered ApplicationSets", () => {
    let p: Plan;
    beforeAll(async () => {
        p = await plan({ stack: "ha-k3s" }, ROOT);
    });
    it("registers exactly the seed's components", () => {
        expect(components(p)).toEqual([
            "homelab:gitops:ArgoCD", "homelab:gitops:BootstrapSecrets", "homelab:gitops:Repository", "homelab:gitops:RootApp",
            "homelab:network:CertManager", "homelab:network:MetalLB", "homelab:nodes:K3sCluster", "homelab:nodes:Preflight", "homelab:storage:Longhorn",
        ]);
        expect(charts(p)).toEqual(["argo-cd", "cert-manager", "longhorn", "metallb"]);
    });
    it("has a public and a private MetalLB pool, the public one only on request", () => {
        const pools = p.run.resources.filter((r) => r.inputs.kind === "IPAddressPool");
        expect(pools.map((x) => (x.inputs.metadata as { name: string }).name).sort()).toEqual(["private", "public"]);
        const pub = pools.find((x) => (x.inputs.metadata as { name: string }).name === "public")!;
        expect((pub.inputs.spec as { autoAssign: boolean }).autoAssign).toBe(false);
    });
    it("roots ArgoCD in the four deployment layers", () => {
        const sets = p.run.resources.filter((r) => r.inputs.kind === "ApplicationSet");
        expect(sets).toHaveLength(4);
        expect(kinds(p)).not.toContain("Application");
        expect(p.run.resources.some((r) => (r.inputs.metadata as { name?: string } | undefined)?.name === "vault-token")).toBe(true);
    });
    it("gives Longhorn disks to the labelled workers only, not to the USB-booted servers", () => {
        expect((release(p, "longhorn").inputs.values as { defaultSettings: Record<string, unknown> }).defaultSettings.createDefaultDiskLabeledNodes).toBe(true);
    });
});

describe("proxmox-k3s: 2 servers + GPU agent, MetalLB, local-path + nfs-client", () => {
    let p: Plan;
    beforeAll(async () => {
        p = await plan({ stack: "proxmox-k3s" }, ROOT);
    });
    it("registers exactly the seed's components", () => {
        expect(components(p)).toEqual([
            "homelab:gitops:ArgoCD", "homelab:gitops:Repository", "homelab:gitops:RootApp",
            "homelab:network:CertManager", "homelab:network:MetalLB", "homelab:nodes:K3sCluster", "homelab:nodes:Preflight", "homelab:storage:NfsProvisioner",
        ]);
        expect(charts(p)).toEqual(["argo-cd", "cert-manager", "metallb", "nfs-subdir-external-provisioner"]);
    });
    it("keeps k3s' local-path as the default and Traefik, and names the issuer the seed's Ingresses use", () => {
        const server = p.files.find((f) => f.path === "k3s/k3s-server-1/config.yaml")!.content;
        expect(server).not.toContain("local-storage");
        expect(server).not.toContain("traefik");
        expect(p.run.resources.filter((r) => r.inputs.kind === "ClusterIssuer").map((r) => (r.inputs.metadata as { name: string }).name)).toContain("letsencrypt-prod");
        expect(p.run.logs.map((l) => l.message).join("\n")).toContain("2 online control planes");
    });
});

describe("nixos-k3s: preinstalled k3s on 4 mixed nodes, Cilium with Hubble + WireGuard, Longhorn, Bitwarden", () => {
    let p: Plan;
    beforeAll(async () => {
        p = await plan({ stack: "nixos-k3s" }, ROOT);
    });
    it("registers exactly the seed's components", () => {
        expect(components(p)).toEqual([
            "homelab:gitops:ArgoCD", "homelab:gitops:BootstrapSecrets", "homelab:gitops:Repository", "homelab:gitops:RootApp",
            "homelab:network:Cilium", "homelab:network:CiliumLoadBalancer", "homelab:nodes:K3sCluster", "homelab:nodes:Preflight", "homelab:storage:Longhorn",
        ]);
        expect(charts(p)).toEqual(["argo-cd", "cilium", "longhorn"]);
    });
    it("installs nothing on the hosts and runs Cilium with Hubble UI and WireGuard", () => {
        expect(p.files.some((f) => f.path.startsWith("k3s/") && f.path.endsWith("config.yaml"))).toBe(false);
        expect(ofType(p, "random:index/randomPassword:RandomPassword").map((r) => r.name)).not.toContain("nixos-k3s-token");
        const values = JSON.stringify(release(p, "cilium").inputs.values);
        expect(values).toContain('"wireguard"');
        expect(values).toMatch(/"ui":\{[^}]*"enabled":true/);
        expect(p.run.resources.some((r) => (r.inputs.metadata as { name?: string } | undefined)?.name === "bitwarden-access-token")).toBe(true);
        // The 2 GB Orange Pi carries no Longhorn disk: only labelled nodes get one.
        expect((release(p, "longhorn").inputs.values as { defaultSettings: Record<string, unknown> }).defaultSettings.createDefaultDiskLabeledNodes).toBe(true);
    });
});
