/**
 * `homelab:nodes:TalosCluster`: from machines in Talos maintenance mode to a bootstrapped
 * cluster with an admin kubeconfig and a talosconfig, and from then on the cluster's life:
 * changes, upgrades and node removal rolled out one node at a time.
 *
 * Flow (DESIGN.md "Talos"): machine.Secrets (protected cluster identity) -> image-factory
 * Schematic -> installer image URL per architecture -> one machine configuration per role ->
 * Kubernetes upgrade step (runs only when `kubernetesVersion` changed) -> one ConfigurationApply
 * per online node, in parallel, in the non-rebooting apply mode -> Bootstrap once on the
 * bootstrap node, `cluster.talos.bootstrapNode` (not registered with `cluster.adopt`) -> etcd/Node membership steps ->
 * health -> Kubeconfig; talosconfig. The per-node upgrade/reboot chain is the TalosRollout
 * component beside this one (talos-rollout.ts). Patch rendering is in talos-patches.ts.
 */
import type * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import * as talos from "@pulumiverse/talos";
import { talosBootstrapNode, type ClusterSpec, type NodeSpec, type TalosSettings } from "../../config/spec";
import type { NodePrerequisites } from "../../stacks/types";
import { ETCD_BACKUP_NAMESPACE, etcdBackupTarget } from "./talos-etcd-backup-manifests";
import { nodePatches, installerImagePatch, renderDocument, withInstallerImage, type TalosPatchContext } from "./talos-patches";
import { kubernetesUpgrade, membership, rolloutOrder, type StepContext } from "./talos-rollout";
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
    /**
     * `cluster.adopt`: the machines already run this cluster (identity imported with
     * `talos.importSecrets`). No Bootstrap is registered; nothing reboots.
     */
    readonly adopt?: boolean;
    /**
     * Per-node preflight gate, by node name: the first step that touches node N (its upgrade
     * step and its ConfigurationApply) depends on it.
     */
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
    /**
     * The Bootstrap; not registered with `adopt` (see below). `bootstrapped` is what later steps
     * wait for either way.
     */
    public readonly bootstrap?: talos.machine.Bootstrap;
    public readonly bootstrapped: pulumi.Resource;
    /** Membership steps by node name (etcd member / Node removal; talos-rollout.ts). */
    public readonly members: Readonly<Record<string, command.local.Command>>;
    /** `talosctl upgrade-k8s` step, when `kubernetesVersion` is set. */
    public readonly kubernetesUpgrade?: command.local.Command;
    /** The factory installer image per architecture in use. */
    public readonly installerImages: Readonly<Record<string, pulumi.Output<string>>>;
    /** The image-factory schematic (its id is the schematic id). */
    public readonly schematic: talos.imagefactory.Schematic;

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
        const adopt = args.adopt ?? false;

        this.secrets = new talos.machine.Secrets(`${name}-secrets`, { talosVersion: contract }, { parent: this, ...secretsOptions(args.talos) });
        // Secret by construction, not only through the provider's additionalSecretOutputs.
        const machineSecrets = pulumi.secret(this.secrets.machineSecrets.apply(toMachineSecretsInput));
        const clientConfiguration = pulumi.secret(this.secrets.clientConfiguration.apply(toClientConfiguration));
        const cpIps = controlPlanes.map((n) => n.ip);
        // Endpoints = the online control planes only: not the VIP (it moves, and talosctl needs
        // apid on a machine that stays), not workers (Talos' talosconfig guidance: endpoints are
        // control planes, which proxy to every node); nodes = every online node.
        this.talosconfig = pulumi.secret(
            talos.client.getConfigurationOutput(
                { clusterName: args.clusterName, clientConfiguration, endpoints: cpIps, nodes: online.map((n) => n.ip) },
                { parent: this },
            ).talosConfig,
        );

        const schematic = (this.schematic = new talos.imagefactory.Schematic(
            `${name}-schematic`,
            { schematic: renderSchematic(schematicInput(args.talos, args.prerequisites)) },
            { parent: this },
        ));
        // One installer image per architecture in use; the patch that carries it is its own
        // configPatches element so every other patch stays known in preview.
        const installer: Record<string, pulumi.Output<string>> = {};
        for (const arch of architectures(online)) {
            installer[arch] = talos.imagefactory.getUrlsOutput(
                { talosVersion: args.talos.version, schematicId: schematic.id, platform: args.talos.platform, architecture: arch },
                { parent: this },
            ).urls.installer;
        }
        this.installerImages = installer;

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

        // Kubernetes upgrade before the applies: talosctl upgrade-k8s rolls the control-plane
        // components one at a time and patches every node's config; the applies that follow then
        // find the new versions already there, instead of switching every node at once (`.cluster`
        // and `.machine.kubelet` apply without a reboot, so nothing would stage them).
        const steps: StepContext = { parent: this, talosconfig: this.talosconfig, order: rolloutOrder(args.nodes), stepTimeout: args.talos.kubernetesUpgradeTimeout };
        // The named bootstrap node (cluster.talos.bootstrapNode), never list order.
        const first = talosBootstrapNode(args.nodes, args.talos);
        const firstGate = args.preflight?.[first.name];
        this.kubernetesUpgrade = args.kubernetesVersion ? kubernetesUpgrade(steps, name, args.kubernetesVersion, first, firstGate ? [firstGate] : []) : undefined;

        const backup = etcdBackupTarget(args.talos.etcdBackup);
        const ctx: TalosPatchContext = { talos: args.talos, network: args.network, cni: args.cni, prerequisites: args.prerequisites, etcdBackupNamespace: backup ? ETCD_BACKUP_NAMESPACE : undefined };
        const applies: Record<string, talos.machine.ConfigurationApply> = {};
        for (const node of online) {
            const patches = nodePatches(node, ctx).map((p) => p.yaml);
            const gate = args.preflight?.[node.name];
            applies[node.name] = new talos.machine.ConfigurationApply(
                `${name}-${node.name}`,
                {
                    node: node.ip,
                    clientConfiguration,
                    machineConfigurationInput: roleConfig[node.role],
                    configPatches: withInstallerImage(patches, installer[node.arch].apply((image) => renderDocument(installerImagePatch(image)))),
                    // Default staged_if_needing_reboot: a dry run decides; a change that needs a
                    // reboot is staged, never rebooted in parallel, and the TalosRollout steps
                    // reboot one node at a time. Upstream: https://github.com/siderolabs/terraform-provider-talos/blob/v0.11.0/pkg/talos/talos_machine_configuration_apply_resource.go
                    // (handleRebootPrevention: no dry run, hence no network, while inputs are unknown).
                    applyMode: node.talosApplyMode ?? args.talos.applyMode,
                },
                { parent: this, dependsOn: [...(this.kubernetesUpgrade ? [this.kubernetesUpgrade] : []), ...(gate ? [gate] : [])] },
            );
        }
        this.applies = applies;

        if (adopt) {
            // The machines already run this cluster: no Bootstrap at all. Creating one against a
            // running control plane fails (AlreadyExists, retried for 10 minutes), and importing
            // one cannot work either: terraform-provider-talos v0.11.0 ImportState stores only
            // the id (node, endpoint, client configuration null; Read is a no-op), so the
            // program's required `node` input differs from the imported state and Pulumi refuses
            // an import whose inputs do not match. Upstream: https://github.com/siderolabs/terraform-provider-talos/blob/v0.11.0/pkg/talos/talos_machine_bootstrap_resource.go
            // A Bootstrap already in the state (cluster built by this program) is deleted, which
            // upstream does nothing.
            void pulumi.log.info(`talos: adopt: ${args.clusterName} already runs, so no Bootstrap is registered; configurations are applied with no reboot (${args.talos.applyMode}), rollout steps start as no-ops`, this);
            this.bootstrapped = applies[first.name];
        } else {
            this.bootstrap = new talos.machine.Bootstrap(`${name}-bootstrap`, { node: first.ip, clientConfiguration }, { parent: this, dependsOn: [applies[first.name]] });
            this.bootstrapped = this.bootstrap;
        }
        this.members = membership({ ...steps, stepTimeout: args.talos.rolloutTimeout }, name, args.nodes, [this.bootstrapped]);

        const kubeconfigRes = new talos.cluster.Kubeconfig(
            `${name}-kubeconfig`,
            { node: first.ip, clientConfiguration },
            { parent: this, dependsOn: [this.bootstrapped] },
        );

        let kubeconfig: pulumi.Output<string> = kubeconfigRes.kubeconfigRaw;
        if (!pulumi.runtime.isDryRun()) {
            // Wait for a healthy control plane before handing out the kubeconfig: etcd healthy
            // and its members exactly the online control planes (an offline control plane's
            // member is removed by its `-member` step first), apid, kubelet on the control planes,
            // all nodes done booting. Workers are left out on purpose: the check runs on every
            // `up`, and one rebooting or broken worker must not hold every Kubernetes layer for
            // the read timeout (mark a dead node `offline` instead). The Kubernetes-level checks
            // are skipped: with cni none nodes stay NotReady until the network layer runs
            // (siderolabs/terraform-provider-talos#183). The network layer's first Helm release,
            // which waits for its pods, proves the cluster schedules.
            const health = talos.cluster.getHealthOutput(
                {
                    clientConfiguration,
                    controlPlaneNodes: cpIps,
                    endpoints: cpIps,
                    skipKubernetesChecks: true,
                    timeouts: { read: "10m" },
                },
                { parent: this, dependsOn: [this.bootstrapped, ...Object.values(applies), ...Object.values(this.members)] },
            );
            kubeconfig = pulumi.all([kubeconfigRes.kubeconfigRaw, health.id]).apply(([raw]) => raw);
        }
        this.kubeconfig = pulumi.secret(kubeconfig);
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
