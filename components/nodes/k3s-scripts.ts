/**
 * The bash scripts that put k3s on a node over SSH. Pure renderers: same inputs, same text.
 *
 * Every script is `set -euo pipefail`, idempotent (a re-run on a node already in the wanted state
 * changes nothing and says so), bounded (every wait and every long command has a timeout and
 * fails naming the node and what to look at) and passes shellcheck (tests/nodes/k3s-render.test.ts).
 * Data travels on stdin, never in argv: config.yaml and manifests (plain) and the tokens (secret,
 * their own command) are read from stdin, so no secret is ever part of a command line.
 *
 * k3s is installed with the official script (k3s-io/k3s install.sh, pinned by commit and
 * sha256-checked: pinned-installer.ts) with INSTALL_K3S_VERSION with INSTALL_K3S_SKIP_START=true: install.sh's unit is Type=notify with
 * TimeoutStartSec=0, so its own `systemctl restart` could wait forever; this script starts k3s
 * itself under `timeout`. The flags live in config.yaml, so INSTALL_K3S_EXEC is only `server` or
 * `agent`.
 */
import { K3S_AGENT_TOKEN_PATH, K3S_CONFIG_PATH, K3S_MANIFESTS_DIR, K3S_TOKEN_PATH } from "./k3s-config";
import { cgroupCheckLines, defaultCgroupPaths, prerequisiteLines, type CgroupPaths } from "./k3s-host-scripts";
import { header, rounds, shQuote, writeFromStdin } from "./k3s-shell";
import { installerDownloadLines } from "./pinned-installer";
import { K3S_DEFAULT_DATA_DIR } from "./k3s-topology";

export { remoteInvocation, shQuote } from "./k3s-shell";
export { KUBECONFIG_READ_MARKER, JOIN_TOKENS_MARKER } from "./k3s-ops-scripts";

/** Marks the install script (read back by the plan's k3s artifact writer). */
export const INSTALL_MARKER = "# homelab:k3s-install";
/** Marks a manifest write script; the file name follows on the same line. */
export const MANIFEST_MARKER = "# homelab:k3s-manifest";

/** File locations; overridable so tests can run the scripts in a scratch directory. */
export interface ScriptPaths {
    readonly configFile: string;
    readonly tokenFile: string;
    readonly manifestsDir: string;
    readonly agentTokenFile?: string;
}

export const defaultPaths: ScriptPaths = { configFile: K3S_CONFIG_PATH, tokenFile: K3S_TOKEN_PATH, manifestsDir: K3S_MANIFESTS_DIR, agentTokenFile: K3S_AGENT_TOKEN_PATH };

/**
 * Writes the join token (stdin line 1) to the 0600 token file config.yaml points at and, on
 * servers, the agent token (line 2) to the agent-token file. A value that did not change is not
 * rewritten.
 */
export function renderTokenScript(paths: ScriptPaths = defaultPaths, withAgentToken = false, node?: string): string {
    const agentFile = paths.agentTokenFile ?? K3S_AGENT_TOKEN_PATH;
    const lines = [
        ...header("# homelab:k3s-token", `Writes the k3s join token${withAgentToken ? " and agent token" : ""} from stdin (never argv).`, node),
        "umask 077",
        `token=""`,
        `agent_token=""`,
        `IFS= read -r token || true`,
        `IFS= read -r agent_token || true`,
        `write_secret() {`,
        `    local target="$1" value="$2" what="$3" tmp`,
        `    mkdir -p "$(dirname "$target")"`,
        `    if [[ -f "$target" && "$(cat "$target")" == "$value" ]]; then`,
        `        echo "$what: unchanged"`,
        "        return",
        "    fi",
        `    tmp="$(mktemp "$(dirname "$target")/.homelab.XXXXXX")"`,
        `    printf '%s' "$value" > "$tmp"`,
        `    chmod 0600 "$tmp"`,
        `    mv "$tmp" "$target"`,
        `    echo "$what: written"`,
        "}",
        `[[ -n "$token" ]] || fail "no k3s token on stdin"`,
        `write_secret ${shQuote(paths.tokenFile)} "$token" "k3s token"`,
    ];
    if (withAgentToken) {
        lines.push(`[[ -n "$agent_token" ]] || fail "no k3s agent token on stdin"`, `write_secret ${shQuote(agentFile)} "$agent_token" "k3s agent token"`);
    } else {
        lines.push(`[[ -z "$agent_token" ]] || echo "ignoring a second line on stdin"`);
    }
    return lines.join("\n") + "\n";
}

/** Writes one manifest (stdin) into the k3s auto-deploy folder. */
export function renderManifestScript(fileName: string, paths: ScriptPaths = defaultPaths): string {
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\.yaml$/.test(fileName)) throw new Error(`${fileName}: auto-deploy manifests need an RFC 1123 file name`);
    return [...header(`${MANIFEST_MARKER} ${fileName}`, `Writes ${fileName} into the k3s auto-deploy folder from stdin.`), ...writeFromStdin(`${paths.manifestsDir}/${fileName}`, "0600", fileName)].join("\n") + "\n";
}

/** Where the k3s binary and install.sh come from (cluster.k3s.binary). */
export interface BinarySource {
    /** install.sh GITHUB_URL: a mirror of the k3s GitHub releases. */
    readonly mirror?: string;
    /** Binary and install.sh already on the host (INSTALL_K3S_SKIP_DOWNLOAD=true). */
    readonly preplaced?: boolean;
    readonly installScriptPath?: string;
}

export interface InstallScriptOptions {
    readonly node: string;
    readonly role: "server" | "agent";
    /** Pinned k3s release, e.g. v1.36.3+k3s1. */
    readonly version: string;
    readonly packages?: readonly string[];
    readonly services?: readonly string[];
    /** Kernel modules to load now and at boot. */
    readonly modules?: readonly string[];
    readonly paths?: ScriptPaths;
    /** Seconds to wait for the API server to answer /readyz (servers only). */
    readonly readyTimeoutSeconds?: number;
    /** Seconds `systemctl restart` may take (k3s' unit has no start timeout of its own). */
    readonly startTimeoutSeconds?: number;
    /** Seconds install.sh may run. */
    readonly installTimeoutSeconds?: number;
    /**
     * Bootstrap server with `cluster-init`: before the first start (no etcd data yet), refuse when
     * any of these URLs already answers as a k3s server (/cacerts): that is a running cluster.
     */
    readonly clusterInitGuard?: { readonly urls: readonly string[] };
    /** The node's k3s data directory (where etcd data lives). */
    readonly dataDir?: string;
    /** Fix Raspberry Pi memory cgroups (and reboot) instead of failing with the fix. */
    readonly cgroupsAutoFix?: boolean;
    readonly cgroupPaths?: CgroupPaths;
    readonly binary?: BinarySource;
}

/** Gets install.sh into "$installer", or checks the pre-placed one (air-gapped hosts). */
function installerLines(binary: BinarySource): string[] {
    if (binary.preplaced) {
        const script = binary.installScriptPath ?? "/usr/local/share/k3s/install.sh";
        return [
            `installer=${shQuote(script)}`,
            `[[ -f "$installer" ]] || fail "cluster.k3s.binary.preplaced: $installer is missing (copy install.sh there)"`,
            `[[ -x /usr/local/bin/k3s ]] || fail "cluster.k3s.binary.preplaced: /usr/local/bin/k3s is missing (copy the $k3s_version binary there)"`,
        ];
    }
    // Never https://get.k3s.io (whatever main holds today): install.sh at a pinned commit, run
    // only when its sha256 matches (pinned-installer.ts, docs/security.md).
    return [`installer="$workdir/install.sh"`, ...installerDownloadLines(`"$installer"`)];
}

/** Environment of install.sh: pinned version, role, no start (we start under a timeout), binary source. */
function installerEnv(binary: BinarySource): string {
    const env = ["INSTALL_K3S_SKIP_START=true", `INSTALL_K3S_VERSION="$k3s_version"`, `INSTALL_K3S_EXEC="$k3s_exec"`];
    if (binary.mirror) env.push(`GITHUB_URL=${shQuote(`${binary.mirror}`)}`);
    if (binary.preplaced) env.push("INSTALL_K3S_SKIP_DOWNLOAD=true");
    return env.join(" ");
}

/**
 * Installs or upgrades k3s on one node. Reads config.yaml on stdin and writes it when it differs;
 * runs the official installer only when the installed version differs (or no unit exists);
 * (re)starts the service under a timeout only when something changed or it is not running. A
 * server then waits (bounded) until its API server answers /readyz, so the next server joins a
 * live member.
 */
export function renderInstallScript(o: InstallScriptOptions): string {
    const paths = o.paths ?? defaultPaths;
    const service = o.role === "server" ? "k3s" : "k3s-agent";
    const ready = o.readyTimeoutSeconds ?? 300;
    const start = o.startTimeoutSeconds ?? 600;
    const binary = o.binary ?? {};
    const lines = [
        ...header(INSTALL_MARKER, `Installs k3s ${o.version} (${o.role}) on ${o.node}; config.yaml arrives on stdin.`, o.node),
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
        `[[ -s "$workdir/config.yaml" ]] || fail "no config.yaml on stdin"`,
        "exec </dev/null",
        "",
        ...cgroupCheckLines(o.cgroupsAutoFix ?? false, o.cgroupPaths ?? defaultCgroupPaths),
        "",
        ...prerequisiteLines(o.packages ?? [], o.services ?? [], o.modules ?? []),
        "",
        `[[ -s "$token_file" ]] || fail "$token_file is missing: the token command must run first"`,
    ];
    if (o.clusterInitGuard && o.clusterInitGuard.urls.length > 0) {
        lines.push(
            "",
            "# cluster-init only where no cluster exists: a second cluster-init behind the same VIP",
            "# would start a second, empty cluster (k3s-io/docs datastore/ha-embedded.md).",
            `data_dir=${shQuote(o.dataDir ?? K3S_DEFAULT_DATA_DIR)}`,
            `if [[ ! -d "$data_dir/server/db/etcd" ]]; then`,
            `    for url in ${o.clusterInitGuard.urls.map(shQuote).join(" ")}; do`,
            `        if curl -ksS --max-time 5 "$url/cacerts" 2>/dev/null | grep -q 'BEGIN CERTIFICATE'; then`,
            `            fail "a k3s cluster already answers at $url and this node has no etcd data: cluster-init here would create a second, empty cluster. To take over the running cluster set cluster.adopt: true (and homelab:k3sToken); or set cluster.k3s.bootstrapServer to the server that holds it"`,
            "        fi",
            "    done",
            "fi",
        );
    }
    lines.push(
        "",
        `mkdir -p "$(dirname "$config_file")"`,
        "restart=false",
        `if ! cmp -s "$workdir/config.yaml" "$config_file"; then`,
        `    install -m 0600 "$workdir/config.yaml" "$config_file"`,
        "    restart=true",
        `    echo "config.yaml: written"`,
        "fi",
        "",
        `installed=""`,
        "if command -v k3s >/dev/null 2>&1; then",
        `    installed="$(k3s --version | awk 'NR == 1 { print $3 }')"`,
        "fi",
        `if [[ "$installed" != "$k3s_version" ]] || ! systemctl cat "$service" >/dev/null 2>&1; then`,
        `    echo "installing k3s $k3s_version ($k3s_exec), found '\${installed:-none}'"`,
        ...installerLines(binary).map((l) => `    ${l}`),
        `    if ! ${installerEnv(binary)} timeout ${o.installTimeoutSeconds ?? 600} sh "$installer"; then`,
        `        fail "the k3s installer failed or took longer than ${o.installTimeoutSeconds ?? 600}s (see its output above)"`,
        "    fi",
        "    restart=true",
        "fi",
        `if [[ "$restart" == true ]] || ! systemctl is-active --quiet "$service"; then`,
        `    echo "starting $service (at most ${start}s)"`,
        `    if ! timeout ${start} systemctl restart "$service"; then`,
        `        fail "$service did not report ready within ${start}s: run 'journalctl -u $service -n 100' on ${o.node}; a joining node must reach its server on port 6443"`,
        "    fi",
        "else",
        `    echo "k3s $k3s_version already running with this config: nothing to do"`,
        "fi",
    );
    if (o.role === "server") {
        lines.push(
            "",
            "# The next server joins through this one: wait (bounded) until its API server is ready.",
            `for _ in $(seq 1 ${rounds(ready)}); do`,
            "    if k3s kubectl get --raw=/readyz --request-timeout=5s >/dev/null 2>&1; then",
            `        echo "k3s API server ready"`,
            "        exit 0",
            "    fi",
            "    sleep 5",
            "done",
            `fail "the k3s API server did not answer /readyz within ${ready}s: run 'journalctl -u k3s -n 100' on ${o.node}"`,
        );
    }
    return lines.join("\n") + "\n";
}
