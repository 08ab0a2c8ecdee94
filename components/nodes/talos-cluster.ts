/**
 * `homelab:nodes:TalosCluster`: from machines in Talos maintenance mode to a bootstrapped
 * cluster with an admin kubeconfig and a talosconfig.
 *
 * Flow (DESIGN.md "Talos"): machine.Secrets (protected cluster identity) -> image-factory
 * Schematic -> installer image URL per architecture -> one machine configuration per role ->
 * one ConfigurationApply per online node (no ordering between them: Talos nodes configure
 * independently and join once etcd is bootstrapped) -> Bootstrap once on the first control plane
 * -> Kubeconfig -> talosconfig. Patch rendering is in talos-patches.ts (pure, tested).
 */
import * as pulumi from "@pulumi/pulumi";
import * as talos from "@pulumiverse/talos";
import type { ClusterSpec, NodeSpec, TalosSettings } from "../../config/spec";
import type { NodePrerequisites } from "../../stacks/types";
import { nodePatches, installerImagePatch, renderDocument, withInstallerImage, type TalosPatchContext } from "./talos-patches";
import { architectures, renderSchematic, schematicInput, talosContract } from "./talos-schematic";
import { toClientConfiguration, toMachineSecretsInput } from "./talos-secrets-mapping";

/** Arguments of {@link TalosCluster}: slices of the ClusterSpec, nothing read from config. */
export interface TalosClusterArgs {
    /** Cluster name (Talos cluster name and talosconfig context). */
    readonly clusterName: string;
    /** API server URL, `https://<endpoint>:<port>` (spec.apiServerUrl). */
    readonly clusterEndpoint: string;
    /** Kubernetes version; the provider's default (Talos 1.13: 1.36.x) when omitted. */
    readonly kubernetesVersion?: string;
    readonly talos: TalosSettings;
    readonly network: ClusterSpec["network"];
    readonly cni: Pick<ClusterSpec["cni"], "provider" | "kubeProxyReplacement">;
    /** Every node in config order; offline ones are skipped with a warning. */
    readonly nodes: readonly NodeSpec[];
    /** Extensions, kubelet mounts and kernel modules the upper layers need on the nodes. */
    readonly prerequisites: NodePrerequisites;
    /** Per-node preflight steps by node name (stacks/preflight.ts); each node's apply waits for its own. */
    readonly preflight?: Readonly<Record<string, pulumi.Resource>>;
}

export interface TalosNodeInfo {
    readonly name: string;
    readonly role: NodeSpec["role"];
    readonly ip: string;
}

/**
 * Options of the cluster-identity Secrets resource. Protected: losing it locks the operator out
 * of every node. `talosVersion` is ignored after creation: bumping the config contract must never
 * try to replace the CA and tokens of a running cluster, and an import from secrets.yaml records
 * "v1.3" (terraform-provider-talos ImportState) whatever the program says.
 */
export function secretsOptions(talosSettings: Pick<TalosSettings, "importSecrets">): pulumi.CustomResourceOptions {
    return {
        protect: true,
        ignoreChanges: ["talosVersion"],
        // The provider's import id is the path of a `talosctl gen secrets` bundle.
        ...(talosSettings.importSecrets ? { import: talosSettings.importSecrets } : {}),
    };
}

export class TalosCluster extends pulumi.ComponentResource {
    /** Admin kubeconfig (secret). Outside preview it resolves only once the cluster is healthy. */
    public readonly kubeconfig: pulumi.Output<string>;
    /** talosctl configuration (secret). */
    public readonly talosconfig: pulumi.Output<string>;
    /** API server URL. */
    public readonly endpoint: pulumi.Output<string>;
    /** Online nodes that received a configuration. */
    public readonly nodes: pulumi.Output<TalosNodeInfo[]>;
    /** The protected cluster identity. */
    public readonly secrets: talos.machine.Secrets;
    /** One apply per online node, by node name. */
    public readonly applies: Readonly<Record<string, talos.machine.ConfigurationApply>>;
    public readonly bootstrap: talos.machine.Bootstrap;

    constructor(name: string, args: TalosClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:nodes:TalosCluster", name, {}, opts);

        const online = args.nodes.filter((n) => !n.offline);
        for (const n of args.nodes.filter((x) => x.offline)) {
            void pulumi.log.warn(`talos: node ${n.name} (${n.ip}) is offline: no configuration is applied to it and it is left out of the talosconfig`, this);
        }
        const controlPlanes = online.filter((n) => n.role === "controlplane");
        if (controlPlanes.length === 0) {
            throw new Error("talos: no online control plane to bootstrap (config validation should have caught this)");
        }
        const contract = talosContract(args.talos);

        this.secrets = new talos.machine.Secrets(`${name}-secrets`, { talosVersion: contract }, { parent: this, ...secretsOptions(args.talos) });
        // Secret by construction, not only through the provider's additionalSecretOutputs.
        const machineSecrets = pulumi.secret(this.secrets.machineSecrets.apply(toMachineSecretsInput));
        const clientConfiguration = pulumi.secret(this.secrets.clientConfiguration.apply(toClientConfiguration));

        const schematic = new talos.imagefactory.Schematic(
            `${name}-schematic`,
            { schematic: renderSchematic(schematicInput(args.talos, args.prerequisites)) },
            { parent: this },
        );
        // One installer image per architecture in use; the patch that carries it is its own
        // configPatches element so every other patch stays known in preview.
        const imagePatch: Record<string, pulumi.Output<string>> = {};
        for (const arch of architectures(online)) {
            const urls = talos.imagefactory.getUrlsOutput(
                { talosVersion: args.talos.version, schematicId: schematic.id, platform: args.talos.platform, architecture: arch },
                { parent: this },
            );
            imagePatch[arch] = urls.urls.installer.apply((image) => renderDocument(installerImagePatch(image)));
        }

        // The generated configuration differs only by role; node specifics are patches.
        const roleConfig: Partial<Record<NodeSpec["role"], pulumi.Output<string>>> = {};
        for (const role of [...new Set(online.map((n) => n.role))].sort()) {
            roleConfig[role] = talos.machine.getConfigurationOutput(
                {
                    clusterName: args.clusterName,
                    clusterEndpoint: args.clusterEndpoint,
                    machineSecrets,
                    machineType: role,
                    kubernetesVersion: args.kubernetesVersion,
                    talosVersion: contract,
                    docs: false,
                    examples: false,
                },
                { parent: this },
            ).machineConfiguration;
        }

        const ctx: TalosPatchContext = { talos: args.talos, network: args.network, cni: args.cni, prerequisites: args.prerequisites };
        const applies: Record<string, talos.machine.ConfigurationApply> = {};
        for (const node of online) {
            const patches = nodePatches(node, ctx).map((p) => p.yaml);
            applies[node.name] = new talos.machine.ConfigurationApply(
                `${name}-${node.name}`,
                {
                    node: node.ip,
                    clientConfiguration,
                    machineConfigurationInput: roleConfig[node.role],
                    configPatches: withInstallerImage(patches, imagePatch[node.arch]),
                },
                { parent: this, dependsOn: args.preflight?.[node.name] ? [args.preflight[node.name]] : [] },
            );
        }
        this.applies = applies;

        const first = controlPlanes[0];
        this.bootstrap = new talos.machine.Bootstrap(
            `${name}-bootstrap`,
            { node: first.ip, clientConfiguration },
            { parent: this, dependsOn: [applies[first.name]] },
        );

        const kubeconfigRes = new talos.cluster.Kubeconfig(
            `${name}-kubeconfig`,
            { node: first.ip, clientConfiguration },
            { parent: this, dependsOn: [this.bootstrap] },
        );

        const cpIps = controlPlanes.map((n) => n.ip);
        let kubeconfig: pulumi.Output<string> = kubeconfigRes.kubeconfigRaw;
        if (!pulumi.runtime.isDryRun()) {
            // Wait for a healthy control plane (etcd, apid, kubelet, API server) before handing out
            // the kubeconfig. Workers are left out on purpose: the check runs on every `up`, and
            // one worker that is rebooting or broken must not hold every Kubernetes layer for the
            // read timeout (mark a dead node `offline` instead). The Kubernetes-level checks are
            // always skipped: with cni none nodes stay NotReady until the network layer runs
            // (siderolabs/terraform-provider-talos#183), and "all k8s nodes reported" would fail
            // on every registered worker that is not in the node lists. The network layer's first
            // Helm release, which waits for its pods, proves the cluster schedules.
            const health = talos.cluster.getHealthOutput(
                {
                    clientConfiguration,
                    controlPlaneNodes: cpIps,
                    endpoints: cpIps,
                    skipKubernetesChecks: true,
                    timeouts: { read: "10m" },
                },
                { parent: this, dependsOn: [this.bootstrap, ...Object.values(applies)] },
            );
            kubeconfig = pulumi.all([kubeconfigRes.kubeconfigRaw, health.id]).apply(([raw]) => raw);
        }
        this.kubeconfig = pulumi.secret(kubeconfig);

        this.talosconfig = pulumi.secret(
            talos.client.getConfigurationOutput(
                { clusterName: args.clusterName, clientConfiguration, endpoints: cpIps, nodes: online.map((n) => n.ip) },
                { parent: this },
            ).talosConfig,
        );
        this.endpoint = pulumi.output(args.clusterEndpoint);
        this.nodes = pulumi.output(online.map((n) => ({ name: n.name, role: n.role, ip: n.ip })));

        this.registerOutputs({
            kubeconfig: this.kubeconfig,
            talosconfig: this.talosconfig,
            endpoint: this.endpoint,
            nodes: this.nodes,
        });
    }
}
