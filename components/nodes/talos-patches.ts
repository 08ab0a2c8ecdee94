/**
 * Talos machine-config patches rendered from the spec, one pure function per concern.
 *
 * Contract: Talos 1.13. Network, VIP, resolvers, time and hostname are separate multi-doc
 * documents (`LinkConfig`, `Layer2VIPConfig`, `ResolverConfig`, `TimeSyncConfig`,
 * `HostnameConfig`); the legacy `machine.network` / `machine.time` blocks are deprecated since
 * 1.12 and rejected by the 1.13 JSON schema. Everything else is a strategic-merge patch of the
 * v1alpha1 document. Reference: siderolabs/talos v1.13 `website/content/v1.13/reference/configuration/**`.
 *
 * Each node receives its own full, ordered list of patches (see `nodePatches`), so a preview
 * shows per node exactly which document changes.
 */
import { stringify } from "yaml";
import { parseCidr } from "../../config/net";
import type { ClusterSpec, NodeSpec, TalosSettings } from "../../config/spec";
import type { NodePrerequisites } from "../../stacks/types";
import { hardeningPatches } from "./talos-hardening";

/** One YAML document of a machine config (v1alpha1 patch or a `kind:` document). */
export type TalosDocument = Record<string, unknown>;

/** The slice of the spec the patches are rendered from. */
export interface TalosPatchContext {
    readonly talos: TalosSettings;
    readonly network: ClusterSpec["network"];
    readonly cni: Pick<ClusterSpec["cni"], "provider" | "kubeProxyReplacement">;
    readonly prerequisites: NodePrerequisites;
    /** Namespace of the etcd snapshot CronJob, when backups are on (control planes get Talos API access). */
    readonly etcdBackupNamespace?: string;
}

/** A rendered patch: a short name (what it is about) and its YAML text. */
export interface NamedPatch {
    readonly name: string;
    readonly yaml: string;
}

/**
 * Renders one document. Fixed options so the same input always gives the same text. YAML 1.1
 * quoting: strings such as `off`/`yes`/`on` are quoted, so readers that still apply YAML 1.1
 * booleans (and people) never see `auto: off` as `false`. The output is valid YAML 1.2 too.
 */
export function renderDocument(doc: TalosDocument): string {
    return stringify(doc, { lineWidth: 0, indent: 2, version: "1.1" });
}

const ciliumReplacesCni = (ctx: Pick<TalosPatchContext, "cni">) => ctx.cni.provider === "cilium";

/**
 * Alias given to the node's LAN link when the node names its NIC by MAC. Not a kernel name
 * (Talos: aliases must not look like `eth0`/`ens3`, which may exist as physical links).
 */
export const LAN_LINK_ALIAS = "lan0";

/** The link that carries the node address (and the VIP): the MAC alias, else the NIC name. */
export function nodeInterface(node: NodeSpec, network: ClusterSpec["network"]): string {
    if (node.mac) return LAN_LINK_ALIAS;
    return node.interface ?? network.interface;
}

/**
 * Names the node's LAN NIC by its permanent MAC (Talos 1.13 `LinkAliasConfig`; CEL form from
 * https://github.com/siderolabs/talos/blob/v1.13.9/website/content/v1.13/reference/configuration/network/linkaliasconfig.md).
 * Kernel names such as `eno1` depend on firmware and driver probe order.
 */
export function linkAliasConfig(node: NodeSpec): TalosDocument | undefined {
    if (!node.mac) return undefined;
    return { apiVersion: "v1alpha1", kind: "LinkAliasConfig", name: LAN_LINK_ALIAS, selector: { match: `mac(link.permanent_addr) == "${node.mac}"` } };
}

/**
 * Install disk: the node's `installDiskSelector` (serial/wwid/model..., Talos
 * `machine.install.diskSelector`), else its `installDisk`, else the cluster default. Never wipe an
 * existing install on apply. `machine.install` applies without reboot (CanApplyImmediate) and is
 * only read at install/upgrade time.
 */
export function installPatch(node: NodeSpec, talos: TalosSettings): TalosDocument {
    if (node.installDiskSelector) {
        const sel = Object.fromEntries(Object.entries(node.installDiskSelector).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
        return { machine: { install: { diskSelector: sel, wipe: false } } };
    }
    return { machine: { install: { disk: node.installDisk ?? talos.installDisk, wipe: false } } };
}

/**
 * Installer image from the image-factory schematic. Its own patch because the schematic id is
 * unknown in preview: keeping it apart leaves every other patch known (readable in `plan`).
 */
export function installerImagePatch(image: string): TalosDocument {
    return { machine: { install: { image } } };
}

/**
 * Static hostname = node name. Talos 1.12+ generates `HostnameConfig { auto: stable }`; a
 * static hostname must turn `auto` off or the merged document is invalid (Talos' own
 * WithStaticHostname patch does the same: pkg/machinery/config/generate/... `AutoHostnameKindOff`).
 */
export function hostnameConfig(node: NodeSpec): TalosDocument {
    return { apiVersion: "v1alpha1", kind: "HostnameConfig", auto: "off", hostname: node.name };
}

/** Static address (prefix of nodeCidr), default route via the gateway, MTU. */
export function linkConfig(node: NodeSpec, network: ClusterSpec["network"]): TalosDocument {
    const cidr = parseCidr(network.nodeCidr);
    if (!cidr) throw new Error(`network.nodeCidr ${network.nodeCidr} is not a CIDR`);
    return {
        apiVersion: "v1alpha1",
        kind: "LinkConfig",
        name: nodeInterface(node, network),
        up: true,
        mtu: network.mtu,
        addresses: [{ address: `${node.ip}/${cidr.prefix}` }],
        // No destination: Talos creates the default route for the gateway's address family.
        routes: [{ gateway: network.gateway }],
    };
}

/** Shared API VIP, announced with gratuitous ARP by the elected control plane. */
export function layer2VipConfig(node: NodeSpec, network: ClusterSpec["network"]): TalosDocument | undefined {
    if (node.role !== "controlplane" || !network.vip) return undefined;
    return { apiVersion: "v1alpha1", kind: "Layer2VIPConfig", name: network.vip, link: nodeInterface(node, network) };
}

/** Nameservers; an empty searchDomains list disables the default (FQDN-derived) search domain. */
export function resolverConfig(network: ClusterSpec["network"]): TalosDocument {
    return {
        apiVersion: "v1alpha1",
        kind: "ResolverConfig",
        nameservers: network.nameservers.map((address) => ({ address })),
        searchDomains: network.searchDomains.length > 0 ? { domains: [...network.searchDomains] } : { disableDefault: true },
    };
}

export function timeSyncConfig(network: ClusterSpec["network"]): TalosDocument {
    return { apiVersion: "v1alpha1", kind: "TimeSyncConfig", enabled: true, ntp: { servers: [...network.ntpServers] } };
}

/** `key=value:Effect` / `key:Effect` -> Talos `nodeTaints` entry `key: value:Effect`. */
export function taintEntry(taint: string): [string, string] {
    const colon = taint.lastIndexOf(":");
    const effect = taint.slice(colon + 1);
    const kv = taint.slice(0, colon);
    const eq = kv.indexOf("=");
    return eq < 0 ? [kv, `:${effect}`] : [kv.slice(0, eq), `${kv.slice(eq + 1)}:${effect}`];
}

function sortedRecord<T>(entries: Array<[string, T]>): Record<string, T> {
    return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Kubelet: parallel image pulls, node IP restricted to nodeCidr (a node with several NICs must
 * register the LAN address), mounts the storage layer needs, and the node's labels/taints.
 */
export function kubeletPatch(node: NodeSpec, ctx: Pick<TalosPatchContext, "network" | "prerequisites">): TalosDocument {
    const kubelet: Record<string, unknown> = {
        extraConfig: { serializeImagePulls: false },
        nodeIP: { validSubnets: [ctx.network.nodeCidr] },
    };
    const mounts = [...ctx.prerequisites.talosKubeletMounts]
        .sort((a, b) => (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0))
        .map((m) => ({ destination: m.destination, type: m.type, source: m.source, options: [...m.options] }));
    if (mounts.length > 0) kubelet.extraMounts = mounts;
    const machine: Record<string, unknown> = { kubelet };
    if (Object.keys(node.labels).length > 0) machine.nodeLabels = sortedRecord(Object.entries(node.labels));
    if (node.taints.length > 0) machine.nodeTaints = sortedRecord(node.taints.map(taintEntry));
    return { machine };
}

/** Path Talos merges into containerd's CRI config (Talos containerd guide). */
export const CRI_CUSTOMIZATION_PATH = "/etc/cri/conf.d/20-customization.part";

export function criCustomizationPatch(talos: TalosSettings): TalosDocument | undefined {
    if (!talos.criCustomization) return undefined;
    return { machine: { files: [{ op: "create", path: CRI_CUSTOMIZATION_PATH, content: talos.criCustomization }] } };
}

export function sysctlsPatch(talos: TalosSettings): TalosDocument | undefined {
    const entries = Object.entries(talos.sysctls);
    return entries.length > 0 ? { machine: { sysctls: sortedRecord(entries) } } : undefined;
}

export function kernelModulesPatch(prerequisites: NodePrerequisites): TalosDocument | undefined {
    const names = [...new Set(prerequisites.talosKernelModules)].sort();
    return names.length > 0 ? { machine: { kernel: { modules: names.map((name) => ({ name })) } } } : undefined;
}

/**
 * With Cilium (bpf masquerading), Talos' host DNS forwarding of kube-dns breaks CoreDNS
 * (Talos "Deploying Cilium CNI" guide, known issues): turn the forwarding off.
 */
export function hostDnsPatch(ctx: Pick<TalosPatchContext, "cni">): TalosDocument | undefined {
    return ciliumReplacesCni(ctx) ? { machine: { features: { hostDNS: { forwardKubeDNSToHost: false } } } } : undefined;
}

/** Pod and service ranges, on every role so control planes and workers agree. */
export function clusterNetworkPatch(network: ClusterSpec["network"]): TalosDocument {
    // podSubnets/serviceSubnets merge with "replace" semantics (v1alpha1_types.go), so the
    // generated defaults are replaced, not appended to.
    return { cluster: { network: { podSubnets: [network.podCidr], serviceSubnets: [network.serviceCidr] } } };
}

/**
 * Control-plane cluster settings: scheduling, CNI/kube-proxy handed to Cilium, CoreDNS per
 * config, and etcd / controller-manager / scheduler metrics reachable from the LAN.
 */
export function controlPlanePatch(ctx: Pick<TalosPatchContext, "talos" | "cni">): TalosDocument {
    const cluster: Record<string, unknown> = {
        allowSchedulingOnControlPlanes: ctx.talos.allowSchedulingOnControlPlanes,
    };
    if (ciliumReplacesCni(ctx)) {
        // Nodes stay NotReady until the network layer installs Cilium.
        cluster.network = { cni: { name: "none" } };
        if (ctx.cni.kubeProxyReplacement) cluster.proxy = { disabled: true };
    }
    cluster.coreDNS = { disabled: !ctx.talos.coreDNS };
    // The NUC seed enables API aggregation routing: the API server reaches aggregated APIs
    // (metrics-server) through their endpoints instead of the service IP, which with Cilium's
    // kube-proxy replacement and no kube-proxy on the host is the reliable path.
    cluster.apiServer = { extraArgs: { "enable-aggregator-routing": "true" } };
    cluster.etcd = { extraArgs: { "listen-metrics-urls": "http://0.0.0.0:2381" } };
    cluster.controllerManager = { extraArgs: { "bind-address": "0.0.0.0" } };
    cluster.scheduler = { extraArgs: { "bind-address": "0.0.0.0" } };
    return { cluster };
}

/**
 * Lets pods in `namespace` use the Talos API with the `os:etcd:backup` role (the etcd snapshot
 * CronJob). Control planes only: the job talks to apid on a control plane. Applies without a
 * reboot (`.machine.features.kubernetesTalosAPIAccess` is in CanApplyImmediate). Talos guide:
 * https://github.com/siderolabs/talos/blob/v1.13.9/website/content/v1.13/advanced/talos-api-access-from-k8s.md
 */
export function talosApiAccessPatch(namespace: string | undefined): TalosDocument | undefined {
    if (!namespace) return undefined;
    return { machine: { features: { kubernetesTalosAPIAccess: { enabled: true, allowedRoles: ["os:etcd:backup"], allowedKubernetesNamespaces: [namespace] } } } };
}

type UserPatch = TalosSettings["patches"]["all"][number];

/** A user patch as given (YAML text kept verbatim) or rendered from an object. */
export function renderUserPatch(p: UserPatch): string {
    return typeof p === "string" ? (p.endsWith("\n") ? p : `${p}\n`) : renderDocument(p as TalosDocument);
}

/** User patches for a node, in order: all, role, node. */
export function userPatches(node: NodeSpec, talos: TalosSettings): string[] {
    const role = node.role === "controlplane" ? talos.patches.controlplane : talos.patches.worker;
    return [...talos.patches.all, ...role, ...(talos.patches.nodes[node.name] ?? [])].map(renderUserPatch);
}

/**
 * The node's full ordered patch list, WITHOUT the installer image (see `withInstallerImage`).
 * Generated patches first, user patches last so they win.
 */
export function nodePatches(node: NodeSpec, ctx: TalosPatchContext): NamedPatch[] {
    const generated: Array<[string, TalosDocument | undefined]> = [
        ["install", installPatch(node, ctx.talos)],
        ["hostname", hostnameConfig(node)],
        ["link-alias", linkAliasConfig(node)],
        ["link", linkConfig(node, ctx.network)],
        ["vip", layer2VipConfig(node, ctx.network)],
        ["resolver", resolverConfig(ctx.network)],
        ["time", timeSyncConfig(ctx.network)],
        ["kubelet", kubeletPatch(node, ctx)],
        ["cri", criCustomizationPatch(ctx.talos)],
        ["sysctls", sysctlsPatch(ctx.talos)],
        ["kernel-modules", kernelModulesPatch(ctx.prerequisites)],
        ["host-dns", hostDnsPatch(ctx)],
        ["cluster-network", clusterNetworkPatch(ctx.network)],
        ["controlplane", node.role === "controlplane" ? controlPlanePatch(ctx) : undefined],
        ["talos-api-access", node.role === "controlplane" ? talosApiAccessPatch(ctx.etcdBackupNamespace) : undefined],
    ];
    const out: NamedPatch[] = generated.flatMap(([name, doc]) => (doc ? [{ name, yaml: renderDocument(doc) }] : []));
    out.push(...hardeningPatches(node, ctx).map(({ name, doc }) => ({ name, yaml: renderDocument(doc) })));
    userPatches(node, ctx.talos).forEach((yaml, i) => out.push({ name: `user-${i}`, yaml }));
    return out;
}

/** Position of the installer-image patch in a node's configPatches (right after the install patch). */
export const INSTALLER_IMAGE_INDEX = 1;

/**
 * Inserts the installer-image patch right after the install patch (index 0). Generic so the
 * component can pass an Output while tests pass a string.
 */
export function withInstallerImage<T>(patches: readonly string[], image: T): Array<string | T> {
    return [...patches.slice(0, INSTALLER_IMAGE_INDEX), image, ...patches.slice(INSTALLER_IMAGE_INDEX)];
}
