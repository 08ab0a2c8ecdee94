/**
 * Talos host hardening (components/nodes/talos-hardening.ts, docs/security.md): control-plane
 * metrics on localhost unless exposed, and the optional ingress firewall documents.
 */
import { parse } from "yaml";
import { controlPlaneMetricsPatch, firewallDocuments, hardeningPatches } from "../../components/nodes/talos-hardening";
import { nodePatches, type TalosPatchContext } from "../../components/nodes/talos-patches";
import type { ClusterSpec, NodeSpec } from "../../config/spec";
import { validateConfig } from "../../config/validate";
import { noPrerequisites } from "../../stacks/types";
import { readFixture, specFrom, type RawConfig } from "../harness";

type Doc = { [key: string]: Doc } & Record<string, unknown>;

/** The homelab seed with its talos.hardening block replaced by `hardening`. */
function seedWith(hardening: Record<string, unknown>): ClusterSpec {
    const raw = structuredClone(readFixture("Pulumi.homelab.yaml").raw) as RawConfig & { cluster: { talos: Record<string, unknown> } };
    raw.cluster.talos.hardening = hardening;
    return specFrom(raw);
}
const ctxOf = (spec: ClusterSpec): TalosPatchContext => ({ talos: spec.cluster.talos!, network: spec.network, cni: spec.cni, prerequisites: noPrerequisites });
const node = (spec: ClusterSpec, name: string): NodeSpec => spec.nodes.find((n) => n.name === name)!;
/** What the three settings end up as after Talos merges every patch of the node in order. */
function effective(spec: ClusterSpec, name: string) {
    const last: Record<string, unknown> = {};
    for (const p of nodePatches(node(spec, name), ctxOf(spec))) {
        const c = (parse(p.yaml) as Doc | null)?.cluster as Doc | undefined;
        if (c?.etcd?.extraArgs?.["listen-metrics-urls"] !== undefined) last.etcd = c.etcd.extraArgs["listen-metrics-urls"];
        if (c?.controllerManager?.extraArgs?.["bind-address"] !== undefined) last.cm = c.controllerManager.extraArgs["bind-address"];
        if (c?.scheduler?.extraArgs?.["bind-address"] !== undefined) last.scheduler = c.scheduler.extraArgs["bind-address"];
    }
    return last;
}

describe("control-plane metrics binding", () => {
    it("defaults to localhost only: the last word over the generated control-plane patch", () => {
        const spec = seedWith({});
        expect(spec.cluster.talos!.hardening).toEqual({ exposeControlPlaneMetrics: false, firewall: { enabled: false, defaultAction: "accept", adminCidrs: [] } });
        expect(effective(spec, "k8s-1")).toEqual({ etcd: "http://127.0.0.1:2381", cm: "127.0.0.1", scheduler: "127.0.0.1" });
        expect(controlPlaneMetricsPatch(node(spec, "k8s-2"), ctxOf(spec))).toBeUndefined();
        expect(effective(spec, "k8s-2")).toEqual({});
    });

    it("exposed on request (the homelab seed scrapes them): etcd on the node address only", () => {
        const spec = specFrom(readFixture("Pulumi.homelab.yaml").raw);
        expect(effective(spec, "k8s-3")).toEqual({ etcd: "http://10.0.60.23:2381", cm: "0.0.0.0", scheduler: "0.0.0.0" });
    });

    it("sits after the generated patches and before the user's, which still win", () => {
        const raw = structuredClone(readFixture("Pulumi.homelab.yaml").raw) as RawConfig & { cluster: { talos: Record<string, unknown> } };
        raw.cluster.talos.patches = { controlplane: [{ cluster: { scheduler: { extraArgs: { "bind-address": "10.0.60.21" } } } }] };
        const spec = specFrom(raw);
        const names = nodePatches(node(spec, "k8s-1"), ctxOf(spec)).map((p) => p.name);
        expect(names.indexOf("control-plane-metrics")).toBeGreaterThan(names.indexOf("controlplane"));
        expect(names.indexOf("control-plane-metrics")).toBeLessThan(names.indexOf("user-0"));
        expect(effective(spec, "k8s-1").scheduler).toBe("10.0.60.21");
    });
});

describe("ingress firewall", () => {
    it("is off by default: no firewall documents", () => {
        const spec = seedWith({});
        expect(firewallDocuments(node(spec, "k8s-1"), ctxOf(spec))).toEqual([]);
        expect(hardeningPatches(node(spec, "k8s-2"), ctxOf(spec))).toEqual([]);
    });

    it("control planes: apid, kubelet, trustd, API server, etcd and the exposed metrics, each from the listed networks only", () => {
        const spec = seedWith({ exposeControlPlaneMetrics: true, firewall: { enabled: true, adminCidrs: ["192.168.10.0/24"] } });
        const docs = firewallDocuments(node(spec, "k8s-1"), ctxOf(spec)) as Doc[];
        expect(docs[0]).toEqual({ apiVersion: "v1alpha1", kind: "NetworkDefaultActionConfig", ingress: "accept" });
        const rules = Object.fromEntries(docs.slice(1).map((d) => [d.name as unknown as string, { ports: d.portSelector.ports, protocol: d.portSelector.protocol, from: (d.ingress as unknown as Array<{ subnet: string }>).map((i) => i.subnet) }]));
        expect(rules).toEqual({
            "homelab-apid": { ports: [50000], protocol: "tcp", from: ["10.0.60.0/24", "192.168.10.0/24"] },
            "homelab-kubelet": { ports: [10250], protocol: "tcp", from: ["10.0.60.0/24", "10.42.0.0/16"] },
            "homelab-trustd": { ports: [50001], protocol: "tcp", from: ["10.0.60.0/24"] },
            "homelab-kube-apiserver": { ports: [6443], protocol: "tcp", from: ["10.0.60.0/24", "10.42.0.0/16", "192.168.10.0/24"] },
            "homelab-etcd": { ports: ["2379-2380"], protocol: "tcp", from: ["10.0.60.0/24"] },
            "homelab-control-plane-metrics": { ports: [2381, 10257, 10259], protocol: "tcp", from: ["10.0.60.0/24", "10.42.0.0/16"] },
        });
        for (const d of docs) expect(d.apiVersion).toBe("v1alpha1");
    });

    it("workers: only apid and kubelet; block mode on request; the patches reach the node's list", () => {
        const spec = seedWith({ firewall: { enabled: true, defaultAction: "block" } });
        const docs = firewallDocuments(node(spec, "k8s-2"), ctxOf(spec)) as Doc[];
        expect(docs.map((d) => (d.name as unknown as string | undefined) ?? d.kind)).toEqual(["NetworkDefaultActionConfig", "homelab-apid", "homelab-kubelet"]);
        expect(docs[0].ingress).toBe("block");
        const names = nodePatches(node(spec, "k8s-2"), ctxOf(spec)).map((p) => p.name);
        expect(names).toEqual(expect.arrayContaining(["firewall-default-action", "firewall-homelab-apid", "firewall-homelab-kubelet"]));
    });

    it("rejects an admin network that is not a canonical CIDR, naming the key path", () => {
        const raw = structuredClone(readFixture("Pulumi.homelab.yaml").raw) as RawConfig & { cluster: { talos: Record<string, unknown> } };
        raw.cluster.talos.hardening = { firewall: { enabled: true, adminCidrs: ["192.168.10.5/24"] } };
        expect(validateConfig(raw).errors.map((e) => e.path)).toEqual(["homelab:cluster.talos.hardening.firewall.adminCidrs[0]"]);
    });
});
