/**
 * MetalLB in L2 mode: the chart (CRDs included), one IPAddressPool per configured pool and one
 * L2Advertisement announcing them. The pools and the advertisement depend on the release, so the
 * first `up` creates them only after the CRDs and the validating webhook exist.
 */
import { pinnedRelease } from "../helm";
import { inheritedDependsOn } from "../dependencies";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { charts } from "../../config/versions";
import { platformNamespace } from "../namespace";
import { metallbL2Advertisements, metallbPoolSpec, type LoadBalancerSpec } from "./load-balancer-manifests";
import { deepMerge } from "./merge";

export const metallbNamespace = "metallb-system";

export interface MetalLBArgs {
    /** `homelab:loadBalancer` (provider metallb). */
    readonly loadBalancer: LoadBalancerSpec;
    readonly provider: k8s.Provider;
    /** The GitOps repository owns the chart after the first install (gitops.handoff); pools stay Pulumi's. */
    readonly handoff?: boolean;
}

export class MetalLB extends pulumi.ComponentResource {
    public readonly release: k8s.helm.v3.Release;
    public readonly pools: k8s.apiextensions.CustomResource[];

    constructor(name: string, args: MetalLBArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:network:MetalLB", name, {}, opts);
        const k = { parent: this, provider: args.provider, dependsOn: inheritedDependsOn(opts) };
        // privileged: the speaker runs with hostNetwork and NET_RAW (Talos enforces "baseline" by default).
        const ns = platformNamespace(`${name}-namespace`, { name: metallbNamespace, podSecurity: "privileged" }, k);
        const pin = charts.metallb;
        this.release = pinnedRelease(
            `${name}-release`,
            {
                release: "metallb",
                pin,
                namespace: ns.metadata.name,
                // L2 only: no BGP backend (frr-k8s is the chart default since 0.15).
                values: deepMerge({ crds: { enabled: true }, frrk8s: { enabled: false } }, args.loadBalancer.values),
                handoff: args.handoff,
            },
            { ...k, dependsOn: [ns] },
        );
        const crOpts = { ...k, dependsOn: [this.release] };
        this.pools = args.loadBalancer.pools.map(
            (p) =>
                new k8s.apiextensions.CustomResource(
                    `${name}-pool-${p.name}`,
                    {
                        apiVersion: "metallb.io/v1beta1",
                        kind: "IPAddressPool",
                        metadata: { name: p.name, namespace: metallbNamespace },
                        spec: metallbPoolSpec(p),
                    },
                    crOpts,
                ),
        );
        // One L2Advertisement per pool, so each pool is announced only on its own NICs (a VLAN
        // pool on the VLAN interface, not on every NIC of every node).
        const advertisements = metallbL2Advertisements(args.loadBalancer).map(
            (a) =>
                new k8s.apiextensions.CustomResource(
                    `${name}-l2-${a.pool}`,
                    {
                        apiVersion: "metallb.io/v1beta1",
                        kind: "L2Advertisement",
                        metadata: { name: a.name, namespace: metallbNamespace },
                        spec: a.spec,
                    },
                    { ...crOpts, dependsOn: [this.release, ...this.pools] },
                ),
        );
        this.registerOutputs({ pools: args.loadBalancer.pools.map((p) => p.name), advertisements: advertisements.map((a) => a.metadata.name) });
    }
}
