/**
 * Cilium LB-IPAM with L2 announcements: one CiliumLoadBalancerIPPool per configured pool and one
 * CiliumL2AnnouncementPolicy. The Cilium operator registers these CRDs when it starts, so both
 * depend on the Cilium release (which waits for the operator).
 */
import { inheritedDependsOn } from "../dependencies";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ciliumL2PolicySpec, ciliumPoolSpec, type LoadBalancerSpec } from "./load-balancer-manifests";

export interface CiliumLoadBalancerArgs {
    /** `homelab:loadBalancer` (provider cilium). */
    readonly loadBalancer: LoadBalancerSpec;
    /** The Cilium release that defines the CRDs. */
    readonly cilium: pulumi.Resource;
    readonly provider: k8s.Provider;
}

export class CiliumLoadBalancer extends pulumi.ComponentResource {
    public readonly pools: k8s.apiextensions.CustomResource[];

    constructor(name: string, args: CiliumLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:network:CiliumLoadBalancer", name, {}, opts);
        const crOpts = { parent: this, provider: args.provider, dependsOn: inheritedDependsOn(opts, args.cilium) };
        const lb = args.loadBalancer;
        // Pool and policy are cluster-scoped: no namespace.
        this.pools = lb.pools.map(
            (p) =>
                new k8s.apiextensions.CustomResource(
                    `${name}-pool-${p.name}`,
                    {
                        // v2 is served from Cilium 1.18 (v2alpha1 deprecated).
                        apiVersion: "cilium.io/v2",
                        kind: "CiliumLoadBalancerIPPool",
                        metadata: { name: p.name },
                        spec: ciliumPoolSpec(p, lb.pools),
                    },
                    crOpts,
                ),
        );
        const policy = new k8s.apiextensions.CustomResource(
            `${name}-l2-policy`,
            {
                // Still only v2alpha1 in Cilium 1.20.
                apiVersion: "cilium.io/v2alpha1",
                kind: "CiliumL2AnnouncementPolicy",
                metadata: { name: "homelab-l2" },
                spec: ciliumL2PolicySpec(lb),
            },
            crOpts,
        );
        this.registerOutputs({ pools: lb.pools.map((p) => p.name), policy: policy.metadata.name });
    }
}
