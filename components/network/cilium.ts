/**
 * Cilium, the CNI. Installed first: nodes stay NotReady and nothing else schedules until it runs,
 * so every other network component depends on this release.
 */
import { pinnedRelease } from "../helm";
import { inheritedDependsOn } from "../dependencies";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { charts } from "../../config/versions";
import { ciliumValues, type CiliumValuesInput } from "./cilium-values";

export interface CiliumArgs {
    /** The slice of the spec the values depend on (distribution, endpoint, pod CIDR, nodes, cni). */
    readonly spec: CiliumValuesInput;
    /** The cluster's Kubernetes provider (from the node layer). */
    readonly provider: k8s.Provider;
    /** The GitOps repository owns the chart after the first install (gitops.handoff). */
    readonly handoff?: boolean;
}

export class Cilium extends pulumi.ComponentResource {
    /** The Helm release; CRs of cilium.io kinds depend on it (the operator registers their CRDs). */
    public readonly release: k8s.helm.v3.Release;

    constructor(name: string, args: CiliumArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:network:Cilium", name, {}, opts);
        const pin = charts.cilium;
        this.release = pinnedRelease(
            `${name}-release`,
            {
                release: "cilium",
                pin,
                namespace: "kube-system",
                values: ciliumValues(args.spec),
                // Wait for the agents and operator: the next layers need a working pod network.
                skipAwait: false,
                timeout: 900,
                handoff: args.handoff,
            },
            { parent: this, provider: args.provider, dependsOn: inheritedDependsOn(opts) },
        );
        this.registerOutputs({ releaseName: this.release.name });
    }
}
