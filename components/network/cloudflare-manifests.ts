/**
 * Pure builders for Cloudflare: tunnel ingress rules, DNS record names, resource-name slugs, and
 * the cloudflared Deployment.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { ClusterSpec } from "../../config/spec";
import { images } from "../../config/versions";

export type CloudflareSpec = NonNullable<ClusterSpec["cloudflare"]>;
export type TunnelIngress = CloudflareSpec["tunnel"]["ingress"][number];

/** One ingress rule as `ZeroTrustTunnelCloudflaredConfig.config.ingresses[]` takes it. */
export interface IngressRule {
    readonly hostname?: string;
    readonly path?: string;
    readonly service: string;
    readonly originRequest?: { readonly noTlsVerify?: boolean; readonly originServerName?: string; readonly httpHostHeader?: string };
}

/**
 * The catch-all rule cloudflared requires last: a request no rule matched gets a 404 instead of
 * reaching an arbitrary origin.
 * https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/configure-tunnels/local-management/configuration-file/#how-traffic-is-matched
 */
export const catchAllRule: IngressRule = { service: "http_status:404" };

/** Ingress rules in the order the stack lists them, then the catch-all. */
export function tunnelIngressRules(ingress: readonly TunnelIngress[]): IngressRule[] {
    const rules = ingress.map((r) => {
        const originRequest = {
            ...(r.noTlsVerify !== undefined ? { noTlsVerify: r.noTlsVerify } : {}),
            ...(r.originServerName !== undefined ? { originServerName: r.originServerName } : {}),
            ...(r.httpHostHeader !== undefined ? { httpHostHeader: r.httpHostHeader } : {}),
        };
        return {
            hostname: r.hostname,
            ...(r.path !== undefined ? { path: r.path } : {}),
            service: r.service,
            ...(Object.keys(originRequest).length > 0 ? { originRequest } : {}),
        };
    });
    return [...rules, catchAllRule];
}

/** Distinct hostnames of the tunnel, in first-seen order: one CNAME each. */
export function tunnelHostnames(ingress: readonly TunnelIngress[]): string[] {
    return [...new Set(ingress.map((r) => r.hostname))];
}

/** The CNAME target of a tunnel. */
export function tunnelCnameTarget(tunnelId: string): string {
    return `${tunnelId}.cfargotunnel.com`;
}

/**
 * Record name as a fully qualified name. Cloudflare stores FQDNs and reports them back, so a
 * relative name (`www`, `@`) would show a diff on every refresh.
 */
export function recordFqdn(name: string, zone: string): string {
    if (name === "@" || name === zone) return zone;
    return name.endsWith(`.${zone}`) ? name : `${name}.${zone}`;
}

/** A Pulumi-name-safe slug of a DNS name (`*.example.com` -> `wildcard-example-com`). */
export function nameSlug(host: string): string {
    return host.replace(/^\*\./, "wildcard.").replace(/[^a-z0-9]+/gi, "-").toLowerCase();
}

/** Name of the Secret holding the tunnel token, and its key. */
export const tunnelTokenSecret = { name: "cloudflared-tunnel-token", key: "token" } as const;

/** Port of cloudflared's metrics server, which also serves /ready. */
export const cloudflaredMetricsPort = 2000;

const appLabels = { "app.kubernetes.io/name": "cloudflared", "app.kubernetes.io/part-of": "homelab" };

/**
 * `spec` of the cloudflared Deployment. The token comes from the Secret through the environment
 * (TUNNEL_TOKEN), never from argv; the image is distroless and runs as nonroot (65532).
 * https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/deploy-tunnels/deployment-guides/kubernetes/
 */
export function cloudflaredDeploymentSpec(replicas: number): k8s.types.input.apps.v1.DeploymentSpec {
    const probe = (initialDelaySeconds: number) => ({
        httpGet: { path: "/ready", port: cloudflaredMetricsPort },
        initialDelaySeconds,
        periodSeconds: 10,
        failureThreshold: 3,
    });
    return {
        replicas,
        selector: { matchLabels: { ...appLabels } },
        template: {
            metadata: { labels: { ...appLabels } },
            spec: {
                securityContext: {
                    runAsNonRoot: true,
                    runAsUser: 65532,
                    runAsGroup: 65532,
                    seccompProfile: { type: "RuntimeDefault" },
                },
                // Keep replicas on different nodes when there are enough of them.
                topologySpreadConstraints: [
                    { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { ...appLabels } } },
                ],
                containers: [
                    {
                        name: "cloudflared",
                        image: images.cloudflared,
                        args: ["tunnel", "--no-autoupdate", "--metrics", `0.0.0.0:${cloudflaredMetricsPort}`, "run"],
                        env: [{ name: "TUNNEL_TOKEN", valueFrom: { secretKeyRef: { name: tunnelTokenSecret.name, key: tunnelTokenSecret.key } } }],
                        ports: [{ name: "metrics", containerPort: cloudflaredMetricsPort, protocol: "TCP" }],
                        readinessProbe: probe(5),
                        livenessProbe: probe(10),
                        securityContext: {
                            allowPrivilegeEscalation: false,
                            readOnlyRootFilesystem: true,
                            capabilities: { drop: ["ALL"] },
                        },
                        resources: { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "256Mi" } },
                    },
                ],
            },
        },
    };
}
