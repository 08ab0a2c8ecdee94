/**
 * Helm values of kube-vip for LoadBalancer Services: the cloud provider (IPAM from the pools) and
 * a services-only kube-vip DaemonSet (ARP announcements). Pure functions of the spec.
 *
 * Decision: this layer always runs its own services-only DaemonSet, named `kube-vip-services`, on
 * both distributions. Talos has no kube-vip at all (its API VIP is a Layer2VIPConfig), and on k3s
 * the node layer's control-plane kube-vip stays control-plane only (svc_enable false). One owner
 * for Service addresses, whatever the distribution, and no name clash with the node layer's
 * `kube-vip` DaemonSet.
 */
import type { ClusterSpec } from "../../config/spec";
import { images } from "../../config/versions";
import { kubeVipRanges, type LoadBalancerSpec } from "./load-balancer-manifests";
import { deepMerge, type Values } from "./merge";

/** Release and object name of the services DaemonSet. */
export const kubeVipServicesName = "kube-vip-services";

/** `registry/repo:tag` -> repository and tag (the chart takes them apart). */
export function splitImage(ref: string): { repository: string; tag: string } {
    // A digest (`repo:tag@sha256:...`, as Renovate pins them) stays with the tag: charts render
    // `repository:tag`, which is then the full pinned reference.
    const digest = ref.indexOf("@");
    const at = ref.lastIndexOf(":", digest < 0 ? ref.length : digest);
    return { repository: ref.slice(0, at), tag: ref.slice(at + 1) };
}

/** kube-vip-cloud-provider values: address ranges in the ConfigMap the chart renders. */
export function kubeVipCloudProviderValues(lb: LoadBalancerSpec): Values {
    return { cm: { data: kubeVipRanges(lb) } };
}

/**
 * kube-vip DaemonSet in services mode. Env names from kube-vip v1.2.3 pkg/kubevip/config_envvar.go.
 * The chart appVersion lags kube-vip releases, so the image tag is pinned here.
 */
export function kubeVipServicesValues(
    lb: LoadBalancerSpec,
    network: Pick<ClusterSpec["network"], "interface">,
    nodes: ReadonlyArray<Pick<ClusterSpec["nodes"][number], "name" | "interface" | "offline">> = [],
): Values {
    const image = splitImage(images.kubeVip);
    const nic = lb.interfaces[0] ?? network.interface;
    // kube-vip announces on one NIC name. A node whose NIC is named differently (a per-node
    // `interface` override: an x86 box among Pis) would crash-loop there, or win a Service's
    // election and never answer ARP: keep the DaemonSet to the nodes that have that NIC.
    const announcers = nodes.filter((n) => !n.offline && (n.interface ?? network.interface) === nic).map((n) => n.name);
    const excluded = nodes.some((n) => !n.offline && (n.interface ?? network.interface) !== nic);
    const values: Values = {
        nameOverride: kubeVipServicesName,
        image: { repository: image.repository, tag: image.tag },
        ...(excluded
            ? {
                  affinity: {
                      nodeAffinity: {
                          requiredDuringSchedulingIgnoredDuringExecution: {
                              nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: announcers }] }],
                          },
                      },
                  },
              }
            : {}),
        env: {
            vip_interface: nic,
            vip_arp: "true",
            // Control-plane VIP and its IPVS balancer belong to the node layer.
            cp_enable: "false",
            lb_enable: "false",
            svc_enable: "true",
            // One leader per Service, so announcements spread over the nodes.
            svc_election: "true",
            vip_leaderelection: "false",
            vip_subnet: "32",
            // Not :2112: the node layer's kube-vip (hostNetwork) may already listen there.
            prometheus_server: ":2113",
        },
        envValueFrom: { vip_nodename: { fieldRef: { fieldPath: "spec.nodeName" } } },
        // Announce from every node, control planes included.
        tolerations: [{ operator: "Exists", effect: "NoSchedule" }],
        resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } },
    };
    return deepMerge(values, lb.values);
}
