/**
 * kube-vip for LoadBalancer Services: kube-vip-cloud-provider assigns addresses from the pools,
 * and a services-only kube-vip DaemonSet answers ARP for them (see kube-vip-values.ts for why this
 * layer owns that DaemonSet on both distributions).
 */
import { pinnedRelease } from "../helm";
import { inheritedDependsOn } from "../dependencies";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterSpec } from "../../config/spec";
import { charts } from "../../config/versions";
import type { LoadBalancerSpec } from "./load-balancer-manifests";
import { kubeVipCloudProviderValues, kubeVipServicesName, kubeVipServicesValues } from "./kube-vip-values";

export interface KubeVipServicesArgs {
    /** `homelab:loadBalancer` (provider kube-vip). */
    readonly loadBalancer: LoadBalancerSpec;
    /** Node NIC default for the announcements. */
    readonly network: Pick<ClusterSpec["network"], "interface">;
    /** Nodes, for keeping announcements to those whose NIC has the announcing name. */
    readonly nodes?: ReadonlyArray<Pick<ClusterSpec["nodes"][number], "name" | "interface" | "offline">>;
    readonly provider: k8s.Provider;
    /** The GitOps repository owns both charts after the first install (gitops.handoff). */
    readonly handoff?: boolean;
}

export class KubeVipServices extends pulumi.ComponentResource {
    public readonly cloudProvider: k8s.helm.v3.Release;
    public readonly daemonSet: k8s.helm.v3.Release;

    constructor(name: string, args: KubeVipServicesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:network:KubeVipServices", name, {}, opts);
        const k = { parent: this, provider: args.provider, dependsOn: inheritedDependsOn(opts) };
        const cp = charts.kubeVipCloudProvider;
        this.cloudProvider = pinnedRelease(
            `${name}-cloud-provider`,
            { release: "kube-vip-cloud-provider", pin: cp, namespace: "kube-system", values: kubeVipCloudProviderValues(args.loadBalancer), handoff: args.handoff },
            k,
        );
        const kv = charts.kubeVip;
        this.daemonSet = pinnedRelease(
            `${name}-daemonset`,
            {
                release: kubeVipServicesName,
                pin: kv,
                namespace: "kube-system",
                values: kubeVipServicesValues(args.loadBalancer, args.network, args.nodes ?? []),
                handoff: args.handoff,
            },
            k,
        );
        this.registerOutputs({ cloudProvider: this.cloudProvider.name, daemonSet: this.daemonSet.name });
    }
}
