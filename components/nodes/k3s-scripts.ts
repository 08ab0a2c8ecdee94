/**
 * The bash scripts the k3s node layer runs over SSH. Pure renderers: same inputs, same text.
 *
 * Every script is `set -euo pipefail`, idempotent (a re-run on a node already in the wanted state
 * changes nothing and says so) and passes shellcheck (tests/nodes/k3s-render.test.ts). Data
 * travels on stdin, never in argv: config.yaml and manifests (plain) and the cluster token
 * (secret, its own command) are read from stdin, so no secret is ever part of a command line.
 *
 * k3s is installed with the official script (k3s-io/k3s install.sh, pinned by commit and
 * sha256-checked: pinned-installer.ts) with INSTALL_K3S_VERSION; the flags live in config.yaml,
 * so INSTALL_K3S_EXEC is only `server` or `agent`.
 */
import { K3S_CONFIG_PATH, K3S_MANIFESTS_DIR, K3S_TOKEN_PATH } from "./k3s-config";
import { installerDownloadLines } from "./pinned-installer";

/** Marks the install script (read back by the plan's k3s artifact writer). */
export const INSTALL_MARKER = "# homelab:k3s-install";
/** Marks a manifest write script; the file name follows on the same line. */
export const MANIFEST_MARKER = "# homelab:k3s-manifest";
/** Marks the kubeconfig read script (the offline fakes answer it with a kubeconfig). */
export const KUBECONFIG_READ_MARKER = "# homelab:k3s-kubeconfig-read";

/** File locations; overridable so tests can run the scripts in a scratch directory. */
export interface ScriptPaths {
    readonly configFile: string;
    readonly tokenFile: string;
    readonly manifestsDir: string;
}

export const defaultPaths: ScriptPaths = { configFile: K3S_CONFIG_PATH, tokenFile: K3S_TOKEN_PATH, manifestsDir: K3S_MANIFESTS_DIR };

/** Single-quotes a value for bash. */
export function shQuote(s: string): string {
    return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `create`/`update` string: the script as one quoted `bash -c` argument (so a preview diff
 * shows the script itself), run through `sudo -n` unless the SSH user is root. stdin stays free
 * for the data the script reads.
 */
export function remoteInvocation(script: string, sshUser: string): string {
    return `${sshUser === "root" ? "" : "sudo -n "}bash -c ${shQuote(script)}`;
}

function header(marker: string, what: string): string[] {
    return ["#!/usr/bin/env bash", marker, `# ${what}`, "# Rendered by homelab (components/nodes/k3s-scripts.ts).", "set -euo pipefail"];
}

/** Writes stdin to `target` with `mode` when it differs; prints what it did. */
function writeFromStdin(target: string, mode: string, what: string): string[] {
    return [
        `target=${shQuote(target)}`,
        `mkdir -p "$(dirname "$target")"`,
        `tmp="$(mktemp "$(dirname "$target")/.homelab.XXXXXX")"`,
        `trap 'rm -f "$tmp"' EXIT`,
        `cat > "$tmp"`,
        `if [[ ! -s "$tmp" ]]; then`,
        `    echo "no ${what} on stdin" >&2`,
        "    exit 1",
        "fi",
        `if cmp -s "$tmp" "$target"; then`,
        `    echo "${what}: unchanged"`,
        "else",
        `    chmod ${mode} "$tmp"`,
        `    mv "$tmp" "$target"`,
        `    echo "${what}: written"`,
        "fi",
    ];
}

/** Writes the cluster token (stdin) to the 0600 token file config.yaml points at. */
export function renderTokenScript(paths: ScriptPaths = defaultPaths): string {
    return [...header("# homelab:k3s-token", "Writes the k3s cluster token from stdin (never argv)."), "umask 077", ...writeFromStdin(paths.tokenFile, "0600", "k3s token")].join("\n") + "\n";
}

/** Writes one manifest (stdin) into the k3s auto-deploy folder. */
export function renderManifestScript(fileName: string, paths: ScriptPaths = defaultPaths): string {
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\.yaml$/.test(fileName)) throw new Error(`${fileName}: auto-deploy manifests need an RFC 1123 file name`);
    return [...header(`${MANIFEST_MARKER} ${fileName}`, `Writes ${fileName} into the k3s auto-deploy folder from stdin.`), ...writeFromStdin(`${paths.manifestsDir}/${fileName}`, "0600", fileName)].join("\n") + "\n";
}

/** Debian package names differ on Fedora/RHEL; the few the storage layers ask for. */
const dnfNames: Readonly<Record<string, string>> = {
    "open-iscsi": "iscsi-initiator-utils",
    "nfs-common": "nfs-utils",
};

function prerequisites(packages: readonly string[], services: readonly string[], modules: readonly string[] = []): string[] {
    const out: string[] = [];
    for (const p of [...packages, ...services, ...modules]) {
        if (!/^[A-Za-z0-9][A-Za-z0-9.+_@-]*$/.test(p)) throw new Error(`${p}: not a package, unit or module name`);
    }
    if (packages.length > 0) {
        out.push(
            "# Host packages the layers above need (storage drivers).",
            `apt_packages=(${packages.map(shQuote).join(" ")})`,
            `dnf_packages=(${packages.map((p) => shQuote(dnfNames[p] ?? p)).join(" ")})`,
            "missing=()",
            "if command -v apt-get >/dev/null 2>&1; then",
            `    for p in "\${apt_packages[@]}"; do`,
            `        dpkg-query -W -f='\${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")`,
            "    done",
            `    if (( \${#missing[@]} > 0 )); then`,
            "        DEBIAN_FRONTEND=noninteractive apt-get update -q",
            `        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "\${missing[@]}"`,
            "    fi",
            "elif command -v dnf >/dev/null 2>&1; then",
            `    for p in "\${dnf_packages[@]}"; do`,
            `        rpm -q "$p" >/dev/null 2>&1 || missing+=("$p")`,
            "    done",
            `    if (( \${#missing[@]} > 0 )); then`,
            `        dnf install -y "\${missing[@]}"`,
            "    fi",
            "else",
            `    echo "neither apt-get nor dnf found: install \${apt_packages[*]} by hand" >&2`,
            "    exit 1",
            "fi",
            `echo "host packages: \${#missing[@]} installed"`,
        );
    }
    if (modules.length > 0) {
        // Loaded now and at every boot (systemd-modules-load); the file is rewritten only when
        // its content differs, so a re-run changes nothing.
        out.push(
            "# Kernel modules the layers above need (e.g. iscsi_tcp for Longhorn, rbd for Ceph).",
            `modules=(${modules.map(shQuote).join(" ")})`,
            `printf '%s\\n' "\${modules[@]}" > "$workdir/modules.conf"`,
            "if ! cmp -s \"$workdir/modules.conf\" /etc/modules-load.d/homelab.conf; then",
            "    install -D -m 0644 \"$workdir/modules.conf\" /etc/modules-load.d/homelab.conf",
            "fi",
            `for m in "\${modules[@]}"; do`,
            `    modprobe "$m"`,
            "done",
        );
    }
    if (services.length > 0) {
        out.push(`units=(${services.map(shQuote).join(" ")})`, `for unit in "\${units[@]}"; do`, `    systemctl enable --now "$unit"`, "done");
    }
    return out;
}

export interface InstallScriptOptions {
    readonly node: string;
    readonly role: "server" | "agent";
    /** Pinned k3s release, e.g. v1.33.4+k3s1. */
    readonly version: string;
    readonly packages?: readonly string[];
    readonly services?: readonly string[];
    /** Kernel modules to load now and at boot. */
    readonly modules?: readonly string[];
    readonly paths?: ScriptPaths;
    /** Seconds to wait for the API server to answer /readyz (servers only). */
    readonly readyTimeoutSeconds?: number;
}

/**
 * Installs or upgrades k3s on one node. Reads config.yaml on stdin and writes it when it
 * differs; runs the official installer only when the installed version differs (or no unit
 * exists); restarts the service only when config.yaml changed or it is not running. A server
 * then waits until its API server answers /readyz, so the next server joins a live member.
 */
export function renderInstallScript(o: InstallScriptOptions): string {
    const paths = o.paths ?? defaultPaths;
    const service = o.role === "server" ? "k3s" : "k3s-agent";
    const wait = o.readyTimeoutSeconds ?? 300;
    const lines = [
        ...header(INSTALL_MARKER, `Installs k3s ${o.version} (${o.role}) on ${o.node}; config.yaml arrives on stdin.`),
        `k3s_version=${shQuote(o.version)}`,
        `k3s_exec=${shQuote(o.role)}`,
        `service=${shQuote(service)}`,
        `config_file=${shQuote(paths.configFile)}`,
        `token_file=${shQuote(paths.tokenFile)}`,
        `workdir="$(mktemp -d)"`,
        `trap 'rm -rf "$workdir"' EXIT`,
        "",
        "# config.yaml (flags only; the token stays in the token file). Read stdin first, before",
        "# any other program (apt-get, the installer) could consume it.",
        `cat > "$workdir/config.yaml"`,
        `if [[ ! -s "$workdir/config.yaml" ]]; then`,
        `    echo "no config.yaml on stdin" >&2`,
        "    exit 1",
        "fi",
        "exec </dev/null",
        "",
        ...prerequisites(o.packages ?? [], o.services ?? [], o.modules ?? []),
        "",
        `if [[ ! -s "$token_file" ]]; then`,
        `    echo "$token_file is missing: the token command must run first" >&2`,
        "    exit 1",
        "fi",
        `mkdir -p "$(dirname "$config_file")"`,
        "config_changed=false",
        `if ! cmp -s "$workdir/config.yaml" "$config_file"; then`,
        `    install -m 0600 "$workdir/config.yaml" "$config_file"`,
        "    config_changed=true",
        `    echo "config.yaml: written"`,
        "fi",
        "",
        `installed=""`,
        "if command -v k3s >/dev/null 2>&1; then",
        `    installed="$(k3s --version | awk 'NR == 1 { print $3 }')"`,
        "fi",
        `if [[ "$installed" != "$k3s_version" ]] || ! systemctl cat "$service" >/dev/null 2>&1; then`,
        `    echo "installing k3s $k3s_version ($k3s_exec), found '\${installed:-none}'"`,
        ...installerDownloadLines(`"$workdir/install.sh"`, "    "),
        `    INSTALL_K3S_VERSION="$k3s_version" INSTALL_K3S_EXEC="$k3s_exec" sh "$workdir/install.sh"`,
        `elif [[ "$config_changed" == true ]] || ! systemctl is-active --quiet "$service"; then`,
        `    echo "restarting $service"`,
        `    systemctl restart "$service"`,
        "else",
        `    echo "k3s $k3s_version already installed with this config: nothing to do"`,
        "fi",
    ];
    if (o.role === "server") {
        lines.push(
            "",
            "# The next server joins through this one: wait until its API server is ready.",
            `for _ in $(seq 1 ${Math.max(1, Math.ceil(wait / 5))}); do`,
            "    if k3s kubectl get --raw=/readyz >/dev/null 2>&1; then",
            `        echo "k3s API server ready"`,
            "        exit 0",
            "    fi",
            "    sleep 5",
            "done",
            `echo "k3s API server not ready after ${wait}s" >&2`,
            "exit 1",
        );
    }
    return lines.join("\n") + "\n";
}

/** Prints the admin kubeconfig once k3s has written it. Its output is a secret. */
export function renderKubeconfigReadScript(kubeconfigPath: string, timeoutSeconds = 300): string {
    return (
        [
            ...header(KUBECONFIG_READ_MARKER, "Prints the k3s admin kubeconfig (stdout is a Pulumi secret, logging off)."),
            `kubeconfig=${shQuote(kubeconfigPath)}`,
            `for _ in $(seq 1 ${Math.max(1, Math.ceil(timeoutSeconds / 5))}); do`,
            `    if [[ -s "$kubeconfig" ]]; then`,
            `        cat "$kubeconfig"`,
            "        exit 0",
            "    fi",
            "    sleep 5",
            "done",
            `echo "$kubeconfig not found after ${timeoutSeconds}s" >&2`,
            "exit 1",
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
 * Runs on the first server: waits for the node object, then sets its labels and taints with
 * `k3s kubectl ... --overwrite` (idempotent). Needed because k3s applies node-label/node-taint
 * only at registration and kubelet refuses labels in the kubernetes.io namespace.
 */
export function renderNodeLabelScript(o: NodeLabelScriptOptions): string {
    const timeout = o.timeoutSeconds ?? 300;
    const lines = [
        ...header("# homelab:k3s-node-labels", `Sets the labels and taints of node ${o.node} through the API.`),
        `node=${shQuote(o.node)}`,
        "registered=false",
        `for _ in $(seq 1 ${Math.max(1, Math.ceil(timeout / 5))}); do`,
        `    if k3s kubectl get node "$node" >/dev/null 2>&1; then`,
        "        registered=true",
        "        break",
        "    fi",
        "    sleep 5",
        "done",
        `if [[ "$registered" != true ]]; then`,
        `    echo "node $node did not register within ${timeout}s" >&2`,
        "    exit 1",
        "fi",
    ];
    if (o.labels.length > 0) lines.push(`k3s kubectl label node "$node" --overwrite ${o.labels.map(shQuote).join(" ")}`);
    if (o.taints.length > 0) lines.push(`k3s kubectl taint node "$node" --overwrite ${o.taints.map(shQuote).join(" ")}`);
    return lines.join("\n") + "\n";
}
