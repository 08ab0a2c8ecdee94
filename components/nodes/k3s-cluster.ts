/**
 * `homelab:nodes:K3sCluster`: k3s on Linux hosts over SSH, from nothing to a kubeconfig, and on
 * through upgrades and node removal (docs/k3s.md).
 *
 * install: script, per online node (`<name>-<node>-<step>`):
 *   token     the join token (and on servers the agent token) from secret stdin to 0600 files;
 *             the bootstrap server gets the cluster token, every other node the secure
 *             (K10, CA-pinning) token read back from the bootstrap server (`<name>-join-tokens`);
 *   kube-vip  bootstrap server with network.vip: kube-vip manifests before k3s starts;
 *   secrets   servers with secret settings (etcd S3 keys): a 0600 drop-in from secret stdin;
 *   drain / uncordon   with cluster.k3s.upgrade.drain, around a version change;
 *   install   config.yaml on stdin (plain: no secret in it), official installer pinned to the
 *             node's version, started under a timeout; triggers: version, config and script hashes;
 *   uninstall / remove   delete-only: run when the node leaves the stack (drain, delete node, uninstall).
 * Order: bootstrap server (cluster-init unless cluster.adopt) -> every other server, one at a
 * time -> agents in batches of upgrade.agentConcurrency after the LAST server (kubelets never
 * newer than an API server). `<name>-<node>-labels` (bootstrap server, after the node's install)
 * sets labels and taints through the API; `<name>-kubeconfig` reads the admin kubeconfig.
 * install: preinstalled (NixOS): only the kubeconfig is read and labels/taints are set.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { NodeSpec } from "../../config/spec";
import { images } from "../../config/versions";
import type { NodePrerequisites } from "../../stacks/types";
import { K3S_SECRETS_DROPIN_PATH, k3sConfigYaml, k3sNeedsSecretDropIn, k3sSecretDropIn, labelPairs, sha256, type K3sSpec } from "./k3s-config";
import { kubeconfigReadTriggers, warnOnKubeconfigExpiry } from "./k3s-kubeconfig-watch";
import { rewriteKubeconfig } from "./k3s-kubeconfig";
import { renderJoinTokensReadScript, renderKubeconfigReadScript, renderNodeLabelScript, renderSecretDropInScript } from "./k3s-ops-scripts";
import type { RemoteCommand } from "./k3s-remote-command";
import { renderInstallScript, renderManifestScript, renderTokenScript } from "./k3s-scripts";
import { drainSteps, installSeconds, removalSteps, run, step, type StepContext } from "./k3s-steps";
import { hostUrl, k3sAgentBatches, k3sBootstrapServer, k3sDataDir, k3sServerChain, k3sVersionFor } from "./k3s-topology";
import { KUBE_VIP_MANIFEST_FILE, kubeVipManifestYaml } from "./kube-vip-manifests";

/** SSH dial retries: 30 attempts x 10 s rides out a node reboot during install or upgrade. */
export const SSH_DIAL_ERROR_LIMIT = 30;
export const SSH_PER_DIAL_TIMEOUT = 10;

export interface K3sClusterArgs {
    /** The validated spec slice (cluster.k3s must be set). Offline nodes are skipped. */
    readonly spec: K3sSpec & { readonly secrets?: { readonly k3sEtcdS3AccessKey?: pulumi.Output<string>; readonly k3sEtcdS3SecretKey?: pulumi.Output<string> } };
    /** SSH private key for every node (secret). */
    readonly sshPrivateKey: pulumi.Input<string>;
    /**
     * An existing cluster's token (homelab:k3sToken), to rebuild or adopt a cluster with the same
     * identity; a protected random token is generated when absent.
     */
    readonly token?: pulumi.Input<string>;
    /** Host packages/services the layers above need on every node. */
    readonly prerequisites?: Pick<NodePrerequisites, "hostPackages" | "hostServices" | "hostKernelModules">;
    /** Per node name: a read-only check the node's first remote step waits for (preflight). */
    readonly preflight?: Readonly<Record<string, pulumi.Resource>>;
}

export class K3sCluster extends pulumi.ComponentResource {
    /** Admin kubeconfig pointing at the API endpoint (secret). */
    public readonly kubeconfig: pulumi.Output<string>;
    /** The install command of every node, by node name (empty when preinstalled). */
    public readonly installs: Readonly<Record<string, pulumi.Resource>>;
    /** What the API needs: every server's last step and the kubeconfig read (not the agents). */
    public readonly apiReady: pulumi.Resource[];

    constructor(name: string, args: K3sClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:nodes:K3sCluster", name, {}, opts);
        const { spec } = args;
        const k3s = spec.cluster.k3s;
        if (!k3s) throw new Error(`${name}: K3sCluster needs cluster.distribution k3s`);
        const bootstrap = k3sBootstrapServer(spec);
        const sshKey = pulumi.secret(args.sshPrivateKey);
        const ctx: StepContext = {
            name,
            parent: this,
            k3s,
            bootstrap,
            connection: (node: NodeSpec) => ({
                host: node.ip,
                port: k3s.sshPort,
                user: node.sshUser ?? k3s.sshUser,
                privateKey: sshKey,
                ...(node.hostKey ? { hostKey: node.hostKey } : {}),
                dialErrorLimit: SSH_DIAL_ERROR_LIMIT,
                perDialTimeout: SSH_PER_DIAL_TIMEOUT,
            }),
        };
        const gate = (node: NodeSpec): pulumi.Resource[] => (args.preflight?.[node.name] ? [args.preflight[node.name]] : []);
        if (k3s.install === "preinstalled" && spec.network.vip) {
            void pulumi.log.warn(`network.vip ${spec.network.vip} is set but cluster.k3s.install is preinstalled: kube-vip is not deployed, the OS configuration must hold the VIP`, this);
        }

        const installs: Record<string, pulumi.Resource> = {};
        const apiReady: pulumi.Resource[] = [];
        if (k3s.install === "script") {
            // The cluster's identity and the agents' credential: losing them means re-creating the
            // cluster, hence protect. A token given in config (recovery, adoption) is used as is.
            const secretPassword = (n: string) =>
                new random.RandomPassword(n, { length: 64, special: false }, { parent: this, protect: true, additionalSecretOutputs: ["result"] }).result;
            const clusterToken = pulumi.secret(args.token ?? secretPassword(`${name}-token`));
            const agentToken = pulumi.secret(secretPassword(`${name}-agent-token`));
            const packages = args.prerequisites?.hostPackages ?? [];
            const services = args.prerequisites?.hostServices ?? [];
            const modules = args.prerequisites?.hostKernelModules ?? [];
            const s3 = spec.secrets ?? {};
            const dropIn =
                k3sNeedsSecretDropIn(spec) && s3.k3sEtcdS3AccessKey && s3.k3sEtcdS3SecretKey
                    ? pulumi.secret(pulumi.all([s3.k3sEtcdS3AccessKey, s3.k3sEtcdS3SecretKey]).apply(([a, k]) => k3sSecretDropIn({ etcdS3AccessKey: a, etcdS3SecretKey: k })))
                    : undefined;
            const chain = k3sServerChain(spec);
            // Sorted: reordering homelab:nodes must not change the bootstrap server's script.
            const guardUrls = [...new Set([spec.apiServerUrl, ...chain.map((s) => hostUrl(s.ip, spec.cluster.apiPort)).sort()])];
            let joinTokens: pulumi.Output<[string, string]> | undefined;
            let previousDropIn: pulumi.Resource | undefined;

            const installNode = (node: NodeSpec, tokens: pulumi.Input<string>, after: pulumi.Resource[]): pulumi.Resource => {
                const server = node.role === "controlplane";
                const isBootstrap = node.name === bootstrap.name;
                const tokenScript = renderTokenScript(undefined, server, node.name);
                const tokenCmd = step(
                    ctx,
                    `${node.name}-token`,
                    node,
                    { create: run(ctx, node, tokenScript), update: run(ctx, node, tokenScript), stdin: pulumi.secret(tokens), logging: "stdoutAndStderr" },
                    120,
                    { dependsOn: gate(node) },
                );
                const before: pulumi.Resource[] = [tokenCmd];
                if (isBootstrap && spec.network.vip) {
                    const nics = new Set(chain.map((s) => s.interface ?? spec.network.interface));
                    if (nics.size > 1) {
                        void pulumi.log.warn(`kube-vip binds the API VIP to ${bootstrap.interface ?? spec.network.interface} on every server, but the servers use different NICs (${[...nics].join(", ")})`, this);
                    }
                    const manifests = kubeVipManifestYaml({ vip: spec.network.vip, interface: bootstrap.interface ?? spec.network.interface, port: spec.cluster.apiPort, image: images.kubeVip });
                    const script = renderManifestScript(KUBE_VIP_MANIFEST_FILE);
                    before.push(step(ctx, `${node.name}-kube-vip`, node, { create: run(ctx, node, script), update: run(ctx, node, script), stdin: manifests, triggers: [sha256(manifests)] }, 120, { dependsOn: [tokenCmd] }));
                }
                if (server && dropIn) {
                    // Chained like the servers: a key rotation restarts one server at a time.
                    const script = renderSecretDropInScript(K3S_SECRETS_DROPIN_PATH, node.name, k3s.timeouts.startSeconds);
                    const dependsOn = [tokenCmd, ...after, ...(previousDropIn ? [previousDropIn] : [])];
                    previousDropIn = step(ctx, `${node.name}-secrets`, node, { create: run(ctx, node, script), update: run(ctx, node, script), stdin: dropIn, logging: "stdoutAndStderr" }, k3s.timeouts.startSeconds, { dependsOn });
                    before.push(previousDropIn);
                }
                const version = k3sVersionFor(spec, node);
                // The drain runs on the bootstrap server (kubectl there): it waits for that
                // server's preflight gate too, not only for the previous node in the chain.
                const drain = k3s.upgrade.drain ? drainSteps(ctx, node, version, [...after, ...gate(bootstrap)]) : undefined;
                const config = k3sConfigYaml(spec, node);
                const script = renderInstallScript({
                    node: node.name,
                    role: server ? "server" : "agent",
                    version,
                    packages,
                    services,
                    modules,
                    dataDir: k3sDataDir(spec, node),
                    readyTimeoutSeconds: k3s.timeouts.readySeconds,
                    startTimeoutSeconds: k3s.timeouts.startSeconds,
                    installTimeoutSeconds: k3s.timeouts.installSeconds,
                    cgroupsAutoFix: k3s.piCgroupsAutoFix,
                    binary: k3s.binary,
                    ...(isBootstrap && !spec.cluster.adopt ? { clusterInitGuard: { urls: guardUrls } } : {}),
                });
                const install = step(
                    ctx,
                    `${node.name}-install`,
                    node,
                    {
                        create: run(ctx, node, script),
                        update: run(ctx, node, script),
                        // Plain on purpose: config.yaml holds no secret and shows in preview diffs.
                        stdin: config,
                        triggers: [version, sha256(config), sha256(script)],
                        logging: "stdoutAndStderr",
                    },
                    installSeconds(k3s),
                    { dependsOn: [...before, ...after, ...(drain ? [drain.drain] : [])] },
                );
                installs[node.name] = install;
                return drain ? drain.uncordon(install) : install;
            };

            // Servers one at a time, the bootstrap server first.
            let previous: pulumi.Resource[] = [];
            for (const s of chain) {
                const isBootstrap = s.name === bootstrap.name;
                const tokens = isBootstrap ? pulumi.interpolate`${clusterToken}\n${agentToken}\n` : joinTokens!.apply(([server, agent]) => `${server}\n${agent}\n`);
                previous = [installNode(s, tokens, previous)];
                if (isBootstrap) {
                    const read = step(
                        ctx,
                        "join-tokens",
                        s,
                        { create: run(ctx, s, renderJoinTokensReadScript(k3sDataDir(spec, s), 300, s.name)), logging: "none" },
                        300,
                        { additionalSecretOutputs: ["stdout"], dependsOn: [installs[s.name]] },
                    );
                    joinTokens = pulumi.secret(read.stdout.apply((out) => {
                        const [server = "", agent = ""] = out.split("\n").map((l) => l.trim());
                        return [server, agent] as [string, string];
                    }));
                }
            }
            apiReady.push(...previous);
            // Agents in bounded batches after the last server.
            for (const batch of k3sAgentBatches(spec)) {
                previous = batch.map((a) => installNode(a, joinTokens!.apply(([, agent]) => `${agent}\n`), previous));
            }

            // Node removal: agents first, then servers in reverse join order, the bootstrap server last.
            let removeAfter: pulumi.Resource[] = [];
            const offlineOrOnline = (role: NodeSpec["role"]) => spec.nodes.filter((n) => n.role === role);
            const servers = [...chain, ...offlineOrOnline("controlplane").filter((n) => n.offline)];
            for (const s of servers) removeAfter = [removalSteps(ctx, s, k3sDataDir(spec, s), removeAfter, installs[s.name])];
            const lastServerRemoval = removeAfter;
            for (const a of offlineOrOnline("worker")) removalSteps(ctx, a, k3sDataDir(spec, a), lastServerRemoval, installs[a.name]);
        }

        // Labels and taints through the API, from the bootstrap server, after the node's install:
        // keeps them current after registration and carries kubernetes.io labels kubelet refuses.
        for (const node of spec.nodes.filter((n) => !n.offline)) {
            const labels = labelPairs(node.labels);
            if (labels.length === 0 && node.taints.length === 0) continue;
            const script = renderNodeLabelScript({ node: node.name, labels, taints: node.taints });
            step(ctx, `${node.name}-labels`, bootstrap, { create: run(ctx, bootstrap, script), update: run(ctx, bootstrap, script) }, 300, {
                dependsOn: installs[node.name] ? [installs[node.name]] : gate(bootstrap),
            });
        }

        const readScript = renderKubeconfigReadScript(k3s.kubeconfigPath, 300, bootstrap.name);
        const read: RemoteCommand = step(
            ctx,
            "kubeconfig",
            bootstrap,
            { create: run(ctx, bootstrap, readScript), update: run(ctx, bootstrap, readScript), triggers: kubeconfigReadTriggers(spec, bootstrap), logging: "none" },
            300,
            { additionalSecretOutputs: ["stdout"], dependsOn: installs[bootstrap.name] ? [installs[bootstrap.name]] : gate(bootstrap) },
        );
        apiReady.push(read);
        const apiServerUrl = spec.apiServerUrl;
        const clusterName = spec.cluster.name;
        this.kubeconfig = pulumi.secret(read.stdout.apply((text) => warnOnKubeconfigExpiry(rewriteKubeconfig(text, apiServerUrl, clusterName), this)));
        this.installs = installs;
        this.apiReady = apiReady;
        this.registerOutputs({ kubeconfig: this.kubeconfig });
    }
}
