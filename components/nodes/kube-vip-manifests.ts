/**
 * kube-vip for the k3s API VIP: RBAC + a DaemonSet in ARP mode with leader election, rendered as
 * one multi-document YAML for k3s' auto-deploy folder on the first server (written before k3s
 * starts, so the VIP comes up with the first API server). Pure.
 *
 * Facts (FACTS §5 "kube-vip on k3s"; kube-vip.io/docs/usage/k3s; kube-vip v1.2.3
 * pkg/kubevip/config_envvar.go): in-cluster ServiceAccount, hostNetwork, NET_ADMIN+NET_RAW,
 * control-plane node affinity, tolerate everything, `manager` with env `vip_arp`, `vip_interface`,
 * `address`, `port`, `vip_subnet`, `cp_enable`, `cp_namespace`, `vip_leaderelection`, lease timings.
 */
import { stringify } from "yaml";

export interface KubeVipOptions {
    /** The API VIP (network.vip). */
    readonly vip: string;
    /** NIC that carries the node network on the control planes. */
    readonly interface: string;
    /** API server port on every server (and on the VIP). */
    readonly port: number;
    /** Pinned image, config/versions.ts `images.kubeVip`. */
    readonly image: string;
}

const NS = "kube-system";
const NAME = "kube-vip";

/** The Kubernetes objects, in apply order. */
export function kubeVipObjects(o: KubeVipOptions): Array<Record<string, unknown>> {
    const labels = { "app.kubernetes.io/name": NAME, "app.kubernetes.io/part-of": "homelab" };
    const env: Record<string, string> = {
        vip_arp: "true",
        vip_interface: o.interface,
        address: o.vip,
        port: String(o.port),
        vip_subnet: o.vip.includes(":") ? "128" : "32",
        cp_enable: "true",
        cp_namespace: NS,
        // Services are the network layer's job (loadBalancer.provider); this instance only holds the API VIP.
        svc_enable: "false",
        vip_leaderelection: "true",
        vip_leasename: "plndr-cp-lock",
        vip_leaseduration: "5",
        vip_renewdeadline: "3",
        vip_retryperiod: "1",
        // Talk to the API server on this node, not through the kubernetes Service: with Cilium
        // (flannel off, kube-proxy replaced) Service IPs only work once Cilium runs, and Cilium
        // itself reaches the API through this VIP.
        KUBERNETES_SERVICE_HOST: "127.0.0.1",
        KUBERNETES_SERVICE_PORT: String(o.port),
    };
    return [
        { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: NAME, namespace: NS, labels } },
        {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "ClusterRole",
            metadata: { name: "system:kube-vip-role", labels },
            rules: [
                { apiGroups: [""], resources: ["services/status"], verbs: ["update"] },
                { apiGroups: [""], resources: ["services", "endpoints"], verbs: ["list", "get", "watch", "update"] },
                { apiGroups: [""], resources: ["nodes"], verbs: ["list", "get", "watch", "update", "patch"] },
                { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["list", "get", "watch", "update", "create"] },
                { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list", "get", "watch", "update"] },
                { apiGroups: [""], resources: ["pods"], verbs: ["list"] },
            ],
        },
        {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "ClusterRoleBinding",
            metadata: { name: "system:kube-vip-binding", labels },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:kube-vip-role" },
            subjects: [{ kind: "ServiceAccount", name: NAME, namespace: NS }],
        },
        {
            apiVersion: "apps/v1",
            kind: "DaemonSet",
            metadata: { name: NAME, namespace: NS, labels },
            spec: {
                selector: { matchLabels: { "app.kubernetes.io/name": NAME } },
                template: {
                    metadata: { labels },
                    spec: {
                        serviceAccountName: NAME,
                        hostNetwork: true,
                        affinity: {
                            nodeAffinity: {
                                requiredDuringSchedulingIgnoredDuringExecution: {
                                    nodeSelectorTerms: [
                                        { matchExpressions: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists" }] },
                                        { matchExpressions: [{ key: "node-role.kubernetes.io/master", operator: "Exists" }] },
                                    ],
                                },
                            },
                        },
                        // Must run before the CNI makes nodes Ready and despite any taint.
                        tolerations: [{ operator: "Exists" }],
                        containers: [
                            {
                                name: NAME,
                                image: o.image,
                                imagePullPolicy: "IfNotPresent",
                                args: ["manager"],
                                env: Object.entries(env).map(([name, value]) => ({ name, value })),
                                securityContext: { capabilities: { add: ["NET_ADMIN", "NET_RAW"] } },
                            },
                        ],
                    },
                },
                updateStrategy: { type: "RollingUpdate" },
            },
        },
    ];
}

/** The manifest file written to the auto-deploy folder. */
export function kubeVipManifestYaml(o: KubeVipOptions): string {
    const head = "# Rendered by homelab (components/nodes/kube-vip-manifests.ts): the k3s API VIP. Edits are overwritten.\n";
    return head + kubeVipObjects(o).map((d) => stringify(d, { lineWidth: 0 })).join("---\n");
}

/** File name in the auto-deploy folder (basename must be an RFC 1123 name). */
export const KUBE_VIP_MANIFEST_FILE = "homelab-kube-vip.yaml";
