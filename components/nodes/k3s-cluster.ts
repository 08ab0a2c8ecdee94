/**
 * `homelab:nodes:K3sCluster`: k3s on Linux hosts over SSH, from nothing to a kubeconfig.
 *
 * Per node (install: script):
 *   `<name>-<node>-token`    writes the cluster token (stdin, secret) to a 0600 file;
 *   `<name>-<node>-kube-vip` first server only, with network.vip: kube-vip manifests into the
 *                            auto-deploy folder before k3s starts;
 *   `<name>-<node>-install`  config.yaml on stdin (plain: it holds no secret), official installer
 *                            pinned to the node's version. Triggers: version, config and script
 *                            hashes, so a change re-runs that node only and shows in preview.
 * Order: first server (cluster-init) -> second server -> ... (each joins after the previous one
 * answered /readyz: etcd membership changes must not overlap); agents in parallel after the
 * first server. `<name>-<node>-labels` (on the first server, after that node's install) sets the
 * node's labels and taints through the API. Then `<name>-kubeconfig` reads the admin kubeconfig
 * (logging off, stdout secret).
 * install: preinstalled (e.g. NixOS manages k3s): only the kubeconfig is read (and labels/taints
 * from the stack file are set through the API, as above).
 *
 * No command has a `delete`: destroying the stack (or replacing a command) never uninstalls k3s
 * or wipes a node; decommissioning is a runbook step (docs/k3s.md).
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { NodeSpec } from "../../config/spec";
import { images } from "../../config/versions";
import type { NodePrerequisites } from "../../stacks/types";
import { k3sAgents, k3sConfigYaml, k3sServers, k3sVersionFor, labelPairs, sha256, type K3sSpec } from "./k3s-config";
import { rewriteKubeconfig } from "./k3s-kubeconfig";
import { remoteCommand, type RemoteCommand, type RemoteConnectionArgs } from "./k3s-remote-command";
import { remoteInvocation, renderInstallScript, renderKubeconfigReadScript, renderManifestScript, renderNodeLabelScript, renderTokenScript } from "./k3s-scripts";
import { KUBE_VIP_MANIFEST_FILE, kubeVipManifestYaml } from "./kube-vip-manifests";

/** SSH dial retries: 30 attempts x 10 s rides out a node reboot during install or upgrade. */
export const SSH_DIAL_ERROR_LIMIT = 30;
export const SSH_PER_DIAL_TIMEOUT = 10;

export interface K3sClusterArgs {
    /** The validated spec slice (cluster.k3s must be set). Offline nodes are skipped. */
    readonly spec: K3sSpec;
    /** SSH private key for every node (secret). */
    readonly sshPrivateKey: pulumi.Input<string>;
    /**
     * An existing cluster's token (homelab:k3sToken), to rebuild or adopt a cluster with the same
     * identity; a protected random token is generated when absent.
     */
    readonly token?: pulumi.Input<string>;
    /** Host packages/services the layers above need on every node. */
    readonly prerequisites?: Pick<NodePrerequisites, "hostPackages" | "hostServices" | "hostKernelModules">;
    /** Per-node preflight steps by node name (stacks/preflight.ts); the first command on a node waits for its own. */
    readonly preflight?: Readonly<Record<string, pulumi.Resource>>;
}

export class K3sCluster extends pulumi.ComponentResource {
    /** Admin kubeconfig pointing at the API endpoint (secret). */
    public readonly kubeconfig: pulumi.Output<string>;
    /** The install command of every node, by node name (empty when preinstalled). */
    public readonly installs: Readonly<Record<string, pulumi.Resource>>;

    constructor(name: string, args: K3sClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:nodes:K3sCluster", name, {}, opts);
        const { spec } = args;
        const k3s = spec.cluster.k3s;
        if (!k3s) throw new Error(`${name}: K3sCluster needs cluster.distribution k3s`);
        const servers = k3sServers(spec);
        const first = servers[0];
        if (!first) throw new Error(`${name}: no online server (controlplane) node`);
        const sshKey = pulumi.secret(args.sshPrivateKey);

        const connection = (node: NodeSpec): RemoteConnectionArgs => ({
            host: node.ip,
            port: k3s.sshPort,
            user: node.sshUser ?? k3s.sshUser,
            privateKey: sshKey,
            ...(node.hostKey ? { hostKey: node.hostKey } : {}),
            dialErrorLimit: SSH_DIAL_ERROR_LIMIT,
            perDialTimeout: SSH_PER_DIAL_TIMEOUT,
        });
        const run = (node: NodeSpec, script: string) => remoteInvocation(script, node.sshUser ?? k3s.sshUser);

        const installs: Record<string, pulumi.Resource> = {};
        if (k3s.install === "preinstalled" && spec.network.vip) {
            void pulumi.log.warn(
                `network.vip ${spec.network.vip} is set but cluster.k3s.install is preinstalled: kube-vip is not deployed, the OS configuration must hold the VIP`,
                this,
            );
        }
        if (k3s.install === "script") {
            // The cluster's identity: losing it means re-creating the cluster, hence protect. A token
            // given in config (disaster recovery, adopting a running cluster) is used as is.
            const tokenValue = args.token
                ? pulumi.secret(args.token)
                : pulumi.secret(
                      new random.RandomPassword(
                          `${name}-token`,
                          { length: 64, special: false },
                          { parent: this, protect: true, additionalSecretOutputs: ["result"] },
                      ).result,
                  );
            const packages = args.prerequisites?.hostPackages ?? [];
            const services = args.prerequisites?.hostServices ?? [];
            const modules = args.prerequisites?.hostKernelModules ?? [];

            const installNode = (node: NodeSpec, after: pulumi.Resource[]): RemoteCommand => {
                const tokenScript = renderTokenScript();
                const tokenCmd = remoteCommand(
                    `${name}-${node.name}-token`,
                    {
                        connection: connection(node),
                        create: run(node, tokenScript),
                        update: run(node, tokenScript),
                        stdin: tokenValue,
                        logging: "stdoutAndStderr",
                    },
                    { parent: this, dependsOn: args.preflight?.[node.name] ? [args.preflight[node.name]] : [] },
                );
                const before: pulumi.Resource[] = [tokenCmd];
                if (node.name === first.name && spec.network.vip) {
                    const nics = new Set(servers.map((s) => s.interface ?? spec.network.interface));
                    if (nics.size > 1) {
                        void pulumi.log.warn(
                            `kube-vip binds the API VIP to ${first.interface ?? spec.network.interface} on every server, but the servers use different NICs (${[...nics].join(", ")})`,
                            this,
                        );
                    }
                    const manifests = kubeVipManifestYaml({
                        vip: spec.network.vip,
                        interface: first.interface ?? spec.network.interface,
                        port: spec.cluster.apiPort,
                        image: images.kubeVip,
                    });
                    const script = renderManifestScript(KUBE_VIP_MANIFEST_FILE);
                    before.push(
                        remoteCommand(
                            `${name}-${node.name}-kube-vip`,
                            { connection: connection(node), create: run(node, script), update: run(node, script), stdin: manifests, triggers: [sha256(manifests)] },
                            { parent: this, dependsOn: args.preflight?.[node.name] ? [args.preflight[node.name]] : [] },
                        ),
                    );
                }
                const version = k3sVersionFor(spec, node);
                const config = k3sConfigYaml(spec, node);
                const script = renderInstallScript({ node: node.name, role: node.role === "controlplane" ? "server" : "agent", version, packages, services, modules });
                return remoteCommand(
                    `${name}-${node.name}-install`,
                    {
                        connection: connection(node),
                        create: run(node, script),
                        update: run(node, script),
                        // Plain on purpose: config.yaml holds no secret and shows in preview diffs.
                        stdin: config,
                        triggers: [version, sha256(config), sha256(script)],
                        logging: "stdoutAndStderr",
                    },
                    { parent: this, dependsOn: [...before, ...after] },
                );
            };

            // Servers form a chain; agents hang off the first server only.
            let previous: RemoteCommand | undefined;
            for (const s of servers) {
                previous = installNode(s, previous ? [previous] : []);
                installs[s.name] = previous;
            }
            const firstInstall = installs[first.name];
            for (const a of k3sAgents(spec)) installs[a.name] = installNode(a, [firstInstall]);
        }

        // Labels and taints through the API, from the first server, after the node's install:
        // keeps them current after registration and carries kubernetes.io labels kubelet refuses.
        for (const node of [...servers, ...k3sAgents(spec)]) {
            const labels = labelPairs(node.labels);
            if (labels.length === 0 && node.taints.length === 0) continue;
            const script = renderNodeLabelScript({ node: node.name, labels, taints: node.taints });
            remoteCommand(
                `${name}-${node.name}-labels`,
                { connection: connection(first), create: run(first, script), update: run(first, script) },
                { parent: this, dependsOn: installs[node.name] ? [installs[node.name]] : args.preflight?.[first.name] ? [args.preflight[first.name]] : [] },
            );
        }

        const readScript = renderKubeconfigReadScript(k3s.kubeconfigPath);
        const read = remoteCommand(
            `${name}-kubeconfig`,
            {
                connection: connection(first),
                create: run(first, readScript),
                update: run(first, readScript),
                // Re-read after the first server's k3s changes (upgrade, reinstall).
                triggers: k3s.install === "script" ? [k3sVersionFor(spec, first)] : [],
                logging: "none",
            },
            {
                parent: this,
                additionalSecretOutputs: ["stdout"],
                dependsOn: installs[first.name] ? [installs[first.name]] : args.preflight?.[first.name] ? [args.preflight[first.name]] : [],
            },
        );
        const apiServerUrl = spec.apiServerUrl;
        const clusterName = spec.cluster.name;
        this.kubeconfig = pulumi.secret(read.stdout.apply((text) => rewriteKubeconfig(text, apiServerUrl, clusterName)));
        this.installs = installs;
        this.registerOutputs({ kubeconfig: this.kubeconfig });
    }
}
