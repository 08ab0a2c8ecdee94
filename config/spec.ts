/**
 * The typed, frozen `ClusterSpec` every layer receives. It is the parsed config with
 * distribution defaults resolved, plus the credentials as Pulumi secrets. Components never read
 * `pulumi.Config`; they get a spec (or a slice of it).
 */
import type * as pulumi from "@pulumi/pulumi";
import { defaultPodCidr, defaultServiceCidr } from "./defaults";
import type { ConfigIssue } from "./issues";
import type { ParsedConfig } from "./schema";
import { k3sBlock, talosBlock } from "./schema/cluster";
import type { SecretKey } from "./secrets";

export type TalosSettings = ReturnType<typeof talosBlock.parse>;
export type K3sSettings = ReturnType<typeof k3sBlock.parse>;

/** Credentials, each a secret Output; absent when the stack does not set it. */
export type SpecSecrets = { readonly [K in SecretKey]?: pulumi.Output<string> } & {
    readonly cloudflareApiToken?: pulumi.Output<string>;
};

export interface ClusterSpec {
    readonly cluster: Omit<ParsedConfig["cluster"], "talos" | "k3s"> & {
        /** Set when distribution is talos (defaults filled in). */
        readonly talos?: TalosSettings;
        /** Set when distribution is k3s (defaults filled in). */
        readonly k3s?: K3sSettings;
    };
    readonly network: ParsedConfig["network"] & { readonly podCidr: string; readonly serviceCidr: string };
    /** Every node in config order, offline ones included. */
    readonly nodes: ParsedConfig["nodes"];
    readonly cni: ParsedConfig["cni"];
    readonly loadBalancer: ParsedConfig["loadBalancer"];
    readonly cloudflare?: ParsedConfig["cloudflare"];
    readonly certManager: ParsedConfig["certManager"];
    readonly storage: ParsedConfig["storage"];
    readonly gitops?: ParsedConfig["gitops"];
    /** `https://<endpoint>:<apiPort>` */
    readonly apiServerUrl: string;
    readonly secrets: SpecSecrets;
    /** Non-fatal findings (even control-plane count, offline nodes). */
    readonly warnings: readonly ConfigIssue[];
}

export type NodeSpec = ClusterSpec["nodes"][number];

/** Nodes that take part in this run (not marked offline), in config order. */
export function onlineNodes(spec: Pick<ClusterSpec, "nodes">): NodeSpec[] {
    return spec.nodes.filter((n) => !n.offline);
}

/** Online control planes in config order; the first one bootstraps the cluster. */
export function controlPlanes(spec: Pick<ClusterSpec, "nodes">): NodeSpec[] {
    return onlineNodes(spec).filter((n) => n.role === "controlplane");
}

/**
 * The Talos control plane that bootstraps the cluster: `cluster.talos.bootstrapNode` when set
 * (validation checks it is an online control plane), else the only online control plane. With
 * several and none named, validation has already refused the config; the first one is returned
 * for direct callers (tests, tools) only.
 */
export function talosBootstrapNode(nodes: readonly NodeSpec[], talos: { readonly bootstrapNode?: string } | undefined): NodeSpec {
    const cps = nodes.filter((n) => !n.offline && n.role === "controlplane");
    const named = talos?.bootstrapNode;
    const node = named === undefined ? cps[0] : cps.find((n) => n.name === named);
    if (!node) throw new Error(named === undefined ? "talos: no online control plane to bootstrap" : `cluster.talos.bootstrapNode ${named} is not an online control plane`);
    return node;
}

function deepFreeze<T>(o: T): T {
    if (o && typeof o === "object" && !Object.isFrozen(o)) {
        // Outputs are objects with internal state the runtime mutates: leave them alone.
        if ((o as { __pulumiOutput?: boolean }).__pulumiOutput) return o;
        Object.freeze(o);
        for (const v of Object.values(o as object)) deepFreeze(v);
    }
    return o;
}

/** Builds the frozen spec from validated config. Pure apart from freezing. */
export function buildSpec(cfg: ParsedConfig, secrets: SpecSecrets, warnings: readonly ConfigIssue[] = []): ClusterSpec {
    const d = cfg.cluster.distribution;
    const { talos, k3s, ...cluster } = cfg.cluster;
    const host = cluster.endpoint.includes(":") ? `[${cluster.endpoint}]` : cluster.endpoint;
    const spec: ClusterSpec = {
        cluster: {
            ...cluster,
            ...(d === "talos" ? { talos: talos ?? talosBlock.parse({}) } : {}),
            ...(d === "k3s" ? { k3s: k3s ?? k3sBlock.parse({}) } : {}),
        },
        network: {
            ...cfg.network,
            podCidr: cfg.network.podCidr ?? defaultPodCidr[d],
            serviceCidr: cfg.network.serviceCidr ?? defaultServiceCidr[d],
        },
        nodes: cfg.nodes,
        cni: cfg.cni,
        loadBalancer: cfg.loadBalancer,
        cloudflare: cfg.cloudflare,
        certManager: cfg.certManager,
        storage: cfg.storage,
        gitops: cfg.gitops,
        apiServerUrl: `https://${host}:${cluster.apiPort}`,
        secrets: { ...secrets },
        warnings: [...warnings],
    };
    return deepFreeze(spec);
}
