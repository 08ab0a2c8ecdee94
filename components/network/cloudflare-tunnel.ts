/**
 * A remotely managed Cloudflare Tunnel: the tunnel (secret from @pulumi/random), its ingress
 * configuration, a proxied CNAME per hostname, the tunnel token in a Kubernetes Secret, and the
 * cloudflared Deployment that runs it in the cluster.
 */
import { inheritedDependsOn } from "../dependencies";
import { builtinNamespaces, platformNamespace } from "../namespace";
import * as cloudflare from "@pulumi/cloudflare";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import {
    cloudflaredDeploymentSpec,
    nameSlug,
    tunnelCnameTarget,
    tunnelHostnames,
    tunnelIngressRules,
    tunnelTokenSecret,
    type CloudflareSpec,
} from "./cloudflare-manifests";

export interface CloudflareTunnelArgs {
    /** Cloudflare account id (validation requires it when the tunnel is enabled). */
    readonly accountId: string;
    /** Zone id the CNAMEs go into. */
    readonly zoneId: pulumi.Input<string>;
    /** `homelab:cloudflare.tunnel` (enabled). */
    readonly tunnel: CloudflareSpec["tunnel"];
    /** Tunnel name when the stack sets none (the cluster name). */
    readonly defaultName: string;
    readonly provider: k8s.Provider;
    /**
     * The GitOps repository owns cloudflared after the first install (gitops.handoff `tunnel`):
     * the Deployment's spec is Git's, and it is kept on delete. The tunnel, its routes, CNAMEs
     * and the token Secret stay Pulumi's.
     */
    readonly handoff?: boolean;
    /** What the public routes (ingress config, CNAMEs) wait for: the Cloudflare Access apps. */
    readonly routeAfter?: pulumi.Resource[];
}

export class CloudflareTunnel extends pulumi.ComponentResource {
    /** Tunnel UUID. */
    public readonly tunnelId: pulumi.Output<string>;
    /** Hostnames routed through the tunnel, in ingress order. */
    public readonly hostnames: string[];

    constructor(name: string, args: CloudflareTunnelArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:network:CloudflareTunnel", name, {}, opts);
        const t = args.tunnel;
        const secret = new random.RandomBytes(`${name}-secret`, { length: 32 }, { parent: this, additionalSecretOutputs: ["base64", "hex"] });
        const tunnel = new cloudflare.ZeroTrustTunnelCloudflared(
            name,
            {
                accountId: args.accountId,
                name: t.name ?? args.defaultName,
                // "cloudflare": remotely managed, cloudflared runs with a token and pulls its ingress
                // rules from the API (the config resource below).
                configSrc: "cloudflare",
                tunnelSecret: pulumi.secret(secret.base64),
            },
            { parent: this, additionalSecretOutputs: ["tunnelSecret"] },
        );
        this.tunnelId = tunnel.id;
        new cloudflare.ZeroTrustTunnelCloudflaredConfig(
            `${name}-config`,
            {
                accountId: args.accountId,
                tunnelId: tunnel.id,
                source: "cloudflare",
                config: { ingresses: tunnelIngressRules(t.ingress) },
            },
            { parent: this, dependsOn: args.routeAfter ?? [] },
        );
        this.hostnames = tunnelHostnames(t.ingress);
        for (const host of this.hostnames) {
            new cloudflare.DnsRecord(
                `${name}-cname-${nameSlug(host)}`,
                {
                    zoneId: args.zoneId,
                    name: host,
                    type: "CNAME",
                    content: tunnel.id.apply(tunnelCnameTarget),
                    proxied: true,
                    ttl: 1,
                    comment: "Cloudflare Tunnel route (managed by Pulumi)",
                },
                { parent: this, dependsOn: args.routeAfter ?? [] },
            );
        }
        // The SDK does not mark the token secret: wrap it before it goes anywhere.
        const token = pulumi.secret(
            cloudflare.getZeroTrustTunnelCloudflaredTokenOutput({ accountId: args.accountId, tunnelId: tunnel.id }, { parent: this }).token,
        );
        const k = { parent: this, provider: args.provider, dependsOn: inheritedDependsOn(opts) };
        const nsDeps: pulumi.Resource[] = [];
        if (!builtinNamespaces.has(t.namespace)) {
            // baseline: cloudflared itself would pass restricted, but the seeds run more of their
            // network services in this namespace from Git (Envoy Gateway, DNS servers).
            nsDeps.push(platformNamespace(`${name}-namespace`, { name: t.namespace, podSecurity: "baseline" }, k));
        }
        const tokenSecret = new k8s.core.v1.Secret(
            `${name}-token`,
            {
                metadata: { name: tunnelTokenSecret.name, namespace: t.namespace },
                type: "Opaque",
                stringData: { [tunnelTokenSecret.key]: token },
            },
            { ...k, dependsOn: [...k.dependsOn, ...nsDeps], additionalSecretOutputs: ["data", "stringData"] },
        );
        new k8s.apps.v1.Deployment(
            `${name}-cloudflared`,
            {
                metadata: { name: "cloudflared", namespace: t.namespace, labels: { "app.kubernetes.io/name": "cloudflared" } },
                spec: cloudflaredDeploymentSpec(t.replicas),
            },
            {
                ...k,
                dependsOn: [...k.dependsOn, ...nsDeps, tokenSecret],
                ...(args.handoff ? { ignoreChanges: ["spec", "metadata.labels", "metadata.annotations"], retainOnDelete: true } : {}),
            },
        );
        this.registerOutputs({ tunnelId: this.tunnelId, hostnames: this.hostnames });
    }
}
