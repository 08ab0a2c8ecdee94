/**
 * Scripts that run against the cluster's API on the bootstrap server (k3s' own kubectl with the
 * admin kubeconfig) or read what k3s wrote there, plus the delete-time scripts of node removal.
 * Pure renderers; every wait is bounded and every failure names the node.
 *
 * Facts: k3s-io/docs cli/token.md (token files, secure format), installation/uninstall.md
 * (k3s-uninstall.sh / k3s-agent-uninstall.sh), kubectl drain/cordon/uncordon.
 */
import { header, rounds, shQuote, writeFromStdin } from "./k3s-shell";
import { K3S_CONFIG_PATH } from "./k3s-config";
import { K3S_DEFAULT_DATA_DIR } from "./k3s-topology";

/** Marks the kubeconfig read script (the offline fakes answer it with a kubeconfig). */
export const KUBECONFIG_READ_MARKER = "# homelab:k3s-kubeconfig-read";
/** Marks the join-token read script (the offline fakes answer it with placeholder tokens). */
export const JOIN_TOKENS_MARKER = "# homelab:k3s-join-tokens";
/** Node annotation: the k3s version a node was drained for (uncordon only what we cordoned). */
export const DRAINED_FOR_ANNOTATION = "homelab.dev/drained-for";

/** Bounded `kubectl` (k3s' embedded one, admin kubeconfig). */
const kubectl = "k3s kubectl --request-timeout=30s";

/**
 * Prints the server token and the agent token in secure (K10<CA hash>::...) format, one per line,
 * once k3s has written them: joining servers and agents then verify the cluster CA before they
 * send credentials (k3s docs cli/token.md). Output is a secret (logging off).
 */
export function renderJoinTokensReadScript(dataDir: string = K3S_DEFAULT_DATA_DIR, timeoutSeconds = 300, node?: string): string {
    return (
        [
            ...header(JOIN_TOKENS_MARKER, "Prints the k3s server and agent tokens in secure format (stdout is a Pulumi secret, logging off).", node),
            `server_token=${shQuote(`${dataDir}/server/token`)}`,
            `agent_token=${shQuote(`${dataDir}/server/agent-token`)}`,
            `for _ in $(seq 1 ${rounds(timeoutSeconds)}); do`,
            `    if [[ -s "$server_token" && -s "$agent_token" ]]; then`,
            `        head -n 1 "$server_token"`,
            `        head -n 1 "$agent_token"`,
            "        exit 0",
            "    fi",
            "    sleep 5",
            "done",
            `fail "$server_token or $agent_token not written within ${timeoutSeconds}s: is k3s running?"`,
        ].join("\n") + "\n"
    );
}

/**
 * Writes the secret settings (stdin, a secret) to a 0600 drop-in next to config.yaml; when it
 * changed and k3s already runs, restarts k3s under a timeout so the new values take effect.
 */
export function renderSecretDropInScript(target: string, node: string, startTimeoutSeconds = 600): string {
    return (
        [
            ...header("# homelab:k3s-secrets", `Writes the secret k3s settings of ${node} from stdin (never argv), 0600.`, node),
            "umask 077",
            ...writeFromStdin(target, "0600", "secret settings", [
                `if systemctl is-active --quiet k3s; then`,
                `    timeout ${startTimeoutSeconds} systemctl restart k3s || fail "k3s did not report ready within ${startTimeoutSeconds}s after its secret settings changed: journalctl -u k3s"`,
                "fi",
            ]),
        ].join("\n") + "\n"
    );
}

/**
 * Before a node's k3s version changes: cordon and drain it, unless it is not registered yet or its
 * kubelet already runs the target version (so a first install or a takeover drains nothing).
 * Marks the node so the uncordon step only undoes what this step did.
 */
export function renderDrainScript(o: { readonly node: string; readonly version: string; readonly timeoutSeconds: number }): string {
    return (
        [
            ...header("# homelab:k3s-drain", `Drains ${o.node} before its upgrade to ${o.version}.`, o.node),
            `node=${shQuote(o.node)}`,
            `target=${shQuote(o.version)}`,
            `if ! ${kubectl} get node "$node" >/dev/null 2>&1; then`,
            `    echo "$node is not registered yet: nothing to drain"`,
            "    exit 0",
            "fi",
            `running="$(${kubectl} get node "$node" -o jsonpath='{.status.nodeInfo.kubeletVersion}')"`,
            `if [[ "$running" == "$target" ]]; then`,
            `    echo "$node already runs $target: nothing to drain"`,
            "    exit 0",
            "fi",
            `${kubectl} annotate node "$node" --overwrite "${DRAINED_FOR_ANNOTATION}=$target"`,
            `${kubectl} cordon "$node"`,
            `if ! timeout ${o.timeoutSeconds + 30} ${kubectl} drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=${o.timeoutSeconds}s; then`,
            `    fail "drain of $node did not finish within ${o.timeoutSeconds}s (a PodDisruptionBudget or a pod without controller?): fix it and run pulumi up again; the node stays cordoned"`,
            "fi",
        ].join("\n") + "\n"
    );
}

/** After a node's upgrade: wait (bounded) until it is Ready, then uncordon it if the drain step cordoned it. */
export function renderUncordonScript(o: { readonly node: string; readonly timeoutSeconds: number }): string {
    return (
        [
            ...header("# homelab:k3s-uncordon", `Uncordons ${o.node} after its upgrade once it is Ready.`, o.node),
            `node=${shQuote(o.node)}`,
            `marker="$(${kubectl} get node "$node" -o jsonpath='{.metadata.annotations.${DRAINED_FOR_ANNOTATION.replace(/\./g, "\\.")}}' 2>/dev/null || true)"`,
            `if [[ -z "$marker" ]]; then`,
            `    echo "$node was not drained by homelab: nothing to uncordon"`,
            "    exit 0",
            "fi",
            `if ! ${kubectl} wait --for=condition=Ready "node/$node" --timeout=${o.timeoutSeconds}s; then`,
            `    fail "$node is not Ready ${o.timeoutSeconds}s after its upgrade: journalctl -u k3s-agent (or k3s) on it; it stays cordoned"`,
            "fi",
            `${kubectl} uncordon "$node"`,
            `${kubectl} annotate node "$node" "${DRAINED_FOR_ANNOTATION}-"`,
        ].join("\n") + "\n"
    );
}

/**
 * Delete step of a node leaving the stack (runs on the bootstrap server): cordon, drain when the
 * node is Ready (a dead node's pods never finish terminating), then delete the Node object. For a
 * server, k3s' etcd controller removes its etcd member when its Node is deleted (k3s docs).
 */
export function renderRemoveNodeScript(o: { readonly node: string; readonly timeoutSeconds: number }): string {
    return (
        [
            ...header("# homelab:k3s-remove-node", `Removes ${o.node} from the cluster (drain, delete node: a server's etcd member goes with it).`, o.node),
            `node=${shQuote(o.node)}`,
            `if ! ${kubectl} get node "$node" >/dev/null 2>&1; then`,
            `    echo "$node is not in the cluster: nothing to remove"`,
            "    exit 0",
            "fi",
            `ready="$(${kubectl} get node "$node" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')"`,
            `${kubectl} cordon "$node"`,
            `if [[ "$ready" == True ]]; then`,
            `    if ! timeout ${o.timeoutSeconds + 30} ${kubectl} drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=${o.timeoutSeconds}s; then`,
            `        fail "drain of $node did not finish within ${o.timeoutSeconds}s: resolve it (PodDisruptionBudgets) and run pulumi up again"`,
            "    fi",
            "else",
            `    echo "$node is not Ready: skipping the drain"`,
            "fi",
            `timeout ${o.timeoutSeconds} k3s kubectl delete node "$node" --wait=true || fail "deleting node $node did not finish within ${o.timeoutSeconds}s"`,
            `echo "$node removed from the cluster"`,
        ].join("\n") + "\n"
    );
}

/**
 * Delete step on the node itself: k3s' own uninstall script (servers and agents), bounded.
 *
 * Guard: the step belongs to a node *name*, and a name can leave the stack while its host stays
 * (a renamed entry, or an address reused by another entry). Pulumi creates the new entry's steps
 * before it deletes the old ones, so by now the host's config.yaml names its new owner: when its
 * `node-name` is another name, the host is still in the stack and nothing is uninstalled.
 */
export function renderUninstallScript(o: { readonly node: string; readonly dataDir?: string; readonly timeoutSeconds?: number; readonly configFile?: string }): string {
    const t = o.timeoutSeconds ?? 600;
    const configFile = o.configFile ?? K3S_CONFIG_PATH;
    return (
        [
            ...header("# homelab:k3s-uninstall", `Uninstalls k3s from ${o.node} (k3s-uninstall.sh / k3s-agent-uninstall.sh).`, o.node),
            `current="$(sed -n 's/^node-name:[[:space:]]*//p' ${shQuote(configFile)} 2>/dev/null | tr -d '\\042\\047' | head -n 1 || true)"`,
            `if [[ -n "$current" && "$current" != ${shQuote(o.node)} ]]; then`,
            `    echo "this host is now node $current of the stack (renamed or re-used address): k3s stays installed"`,
            "    exit 0",
            "fi",
            `export K3S_DATA_DIR=${shQuote(o.dataDir ?? K3S_DEFAULT_DATA_DIR)}`,
            "ran=false",
            "for script in /usr/local/bin/k3s-uninstall.sh /usr/local/bin/k3s-agent-uninstall.sh /opt/bin/k3s-uninstall.sh /opt/bin/k3s-agent-uninstall.sh; do",
            `    if [[ -x "$script" ]]; then`,
            `        timeout ${t} "$script" || fail "$script failed or took longer than ${t}s"`,
            "        ran=true",
            "    fi",
            "done",
            `if [[ "$ran" == true ]]; then echo "k3s uninstalled"; else echo "k3s is not installed: nothing to do"; fi`,
        ].join("\n") + "\n"
    );
}

/** Prints the admin kubeconfig once k3s has written it. Its output is a secret. */
export function renderKubeconfigReadScript(kubeconfigPath: string, timeoutSeconds = 300, node?: string): string {
    return (
        [
            ...header(KUBECONFIG_READ_MARKER, "Prints the k3s admin kubeconfig (stdout is a Pulumi secret, logging off).", node),
            `kubeconfig=${shQuote(kubeconfigPath)}`,
            `for _ in $(seq 1 ${rounds(timeoutSeconds)}); do`,
            `    if [[ -s "$kubeconfig" ]]; then`,
            `        cat "$kubeconfig"`,
            "        exit 0",
            "    fi",
            "    sleep 5",
            "done",
            `fail "$kubeconfig not found after ${timeoutSeconds}s: is k3s running?"`,
        ].join("\n") + "\n"
    );
}

export interface NodeLabelScriptOptions {
    readonly node: string;
    /** `key=value` pairs. */
    readonly labels: readonly string[];
    /** `key=value:Effect` / `key:Effect`. */
    readonly taints: readonly string[];
    /** Seconds to wait for the node to register. */
    readonly timeoutSeconds?: number;
}

/**
 * Runs on the bootstrap server: waits for the node object, then sets its labels and taints with
 * `k3s kubectl ... --overwrite` (idempotent). Needed because k3s applies node-label/node-taint
 * only at registration and kubelet refuses labels in the kubernetes.io namespace.
 */
export function renderNodeLabelScript(o: NodeLabelScriptOptions): string {
    const timeout = o.timeoutSeconds ?? 300;
    const lines = [
        ...header("# homelab:k3s-node-labels", `Sets the labels and taints of node ${o.node} through the API.`, o.node),
        `node=${shQuote(o.node)}`,
        "registered=false",
        `for _ in $(seq 1 ${rounds(timeout)}); do`,
        `    if ${kubectl} get node "$node" >/dev/null 2>&1; then`,
        "        registered=true",
        "        break",
        "    fi",
        "    sleep 5",
        "done",
        `if [[ "$registered" != true ]]; then`,
        `    fail "node $node did not register within ${timeout}s: is k3s running on it (journalctl -u k3s-agent)?"`,
        "fi",
    ];
    if (o.labels.length > 0) lines.push(`${kubectl} label node "$node" --overwrite ${o.labels.map(shQuote).join(" ")}`);
    if (o.taints.length > 0) lines.push(`${kubectl} taint node "$node" --overwrite ${o.taints.map(shQuote).join(" ")}`);
    return lines.join("\n") + "\n";
}
