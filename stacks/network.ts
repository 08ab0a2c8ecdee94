/**
 * Network layer: Cilium first (nothing schedules without a CNI), then the load balancer,
 * Cloudflare DNS and Tunnel, and cert-manager, side by side. Cilium waits for the API server
 * (`nodes.apiReady`); every other component waits for the API server and Cilium (`podNetwork`),
 * not for each other. `gitops.handoff` marks the charts the GitOps repository takes over.
 */
import * as pulumi from "@pulumi/pulumi";
import { CertManager } from "../components/network/cert-manager";
import { CloudflareAccess } from "../components/network/cloudflare-access";
import { Cilium } from "../components/network/cilium";
import { CiliumLoadBalancer } from "../components/network/cilium-lb";
import { CloudflareDns, lookupZoneId } from "../components/network/cloudflare-dns";
import { CloudflareTunnel } from "../components/network/cloudflare-tunnel";
import { KubeVipServices } from "../components/network/kube-vip-services";
import { serviceAddressMetadata } from "../components/network/load-balancer-manifests";
import { MetalLB } from "../components/network/metallb";
import type { ClusterSpec } from "../config/spec";
import { handedOff } from "./handoff";
import type { NetworkLayer, NodesLayer } from "./types";

export function buildNetwork(spec: ClusterSpec, nodes: NodesLayer): NetworkLayer {
    const provider = nodes.provider;
    const name = spec.cluster.name;

    const cilium =
        spec.cni.provider === "cilium"
            ? new Cilium(`${name}-cilium`, { spec, provider, handoff: handedOff(spec, "cilium") }, { dependsOn: [...nodes.apiReady] })
            : undefined;
    // Everything after the CNI waits for it: pods of charts cannot start without a pod network.
    const podNetwork: pulumi.Resource[] = [...nodes.apiReady, ...(cilium ? [cilium] : [])];
    const after: pulumi.ComponentResourceOptions = { dependsOn: podNetwork };
    const ready: pulumi.Resource[] = cilium ? [cilium] : [...nodes.apiReady];

    const lb = spec.loadBalancer;
    let lbComponent: pulumi.Resource | undefined;
    switch (lb.provider) {
        case "metallb":
            lbComponent = new MetalLB(`${name}-metallb`, { loadBalancer: lb, provider, handoff: handedOff(spec, "metallb") }, after);
            break;
        case "kube-vip":
            lbComponent = new KubeVipServices(
                `${name}-kube-vip`,
                { loadBalancer: lb, network: spec.network, nodes: spec.nodes, provider, handoff: handedOff(spec, "kube-vip") },
                after,
            );
            break;
        case "cilium":
            // Validation guarantees Cilium is the CNI here.
            if (cilium) lbComponent = new CiliumLoadBalancer(`${name}-cilium-lb`, { loadBalancer: lb, cilium: cilium.release, provider }, after);
            break;
        case "none":
            break;
    }
    if (lbComponent) ready.push(lbComponent);

    const cf = spec.cloudflare;
    let tunnel: CloudflareTunnel | undefined;
    if (cf && (cf.tunnel.enabled || cf.dnsRecords.length > 0)) {
        const zoneId = lookupZoneId(cf.zone, cf.accountId);
        if (cf.dnsRecords.length > 0) new CloudflareDns(`${name}-dns`, { zone: cf.zone, zoneId, records: cf.dnsRecords });
        if (cf.tunnel.enabled && cf.accountId) {
            // Access first, so an admin hostname is never routed before its login is in front of it.
            const access = cf.tunnel.access ? new CloudflareAccess(`${name}-access`, { accountId: cf.accountId, access: cf.tunnel.access }) : undefined;
            tunnel = new CloudflareTunnel(
                `${name}-tunnel`,
                { accountId: cf.accountId, zoneId, tunnel: cf.tunnel, defaultName: name, provider, handoff: handedOff(spec, "tunnel"), ...(access ? { routeAfter: [access] } : {}) },
                after,
            );
        }
    }

    let issuers: string[] = [];
    let certManager: CertManager | undefined;
    if (spec.certManager.enabled) {
        certManager = new CertManager(
            `${name}-cert-manager`,
            { certManager: spec.certManager, zone: cf?.zone, apiToken: spec.secrets.cloudflareApiToken, dnsToken: spec.secrets.cloudflareDnsToken, provider, handoff: handedOff(spec, "cert-manager") },
            after,
        );
        issuers = certManager.issuerNames;
        ready.push(certManager);
    }

    return {
        ready,
        podNetwork,
        ...(lbComponent ? { loadBalancerReady: [lbComponent] } : {}),
        ...(certManager ? { certManager } : {}),
        clusterIssuers: issuers,
        ...(issuers.length > 0 ? { defaultClusterIssuer: issuers[0] } : {}),
        ...(cilium ? { cni: cilium.release } : {}),
        loadBalancer: {
            provider: lb.provider,
            pools: lb.pools.map((p) => ({ name: p.name, addresses: [...p.addresses], autoAssign: p.autoAssign })),
            serviceMetadata: (request) => serviceAddressMetadata(lb.provider, request),
        },
        ...(tunnel && cf ? { tunnel: { namespace: cf.tunnel.namespace, hostnames: tunnel.hostnames, tunnelId: tunnel.tunnelId } } : {}),
    };
}
