/**
 * Shell building blocks shared by every k3s script (pure): quoting, the `bash -c` invocation,
 * the common header and a bounded, named failure.
 */

/** Single-quotes a value for bash. */
export function shQuote(s: string): string {
    return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `create`/`update`/`delete` string: the script as one quoted `bash -c` argument (so a
 * preview diff shows the script itself), run through `sudo -n` unless the SSH user is root. stdin
 * stays free for the data the script reads.
 */
export function remoteInvocation(script: string, sshUser: string): string {
    return `${sshUser === "root" ? "" : "sudo -n "}bash -c ${shQuote(script)}`;
}

/**
 * Script header: shebang, marker, purpose, strict mode, and `fail` which prefixes every error
 * with the node it happened on, so a failed `pulumi up` names node and cause.
 */
export function header(marker: string, what: string, node?: string): string[] {
    return [
        "#!/usr/bin/env bash",
        marker,
        `# ${what}`,
        "# Rendered by homelab (components/nodes/k3s-*.ts).",
        "set -euo pipefail",
        `fail() { echo "[${node ?? "homelab"}] $*" >&2; exit 1; }`,
    ];
}

/** Whole seconds of a bounded polling loop (5 s per round). */
export function rounds(seconds: number): number {
    return Math.max(1, Math.ceil(seconds / 5));
}

/** Writes stdin to `target` with `mode` when it differs; prints what it did; runs `onChange` after a write. */
export function writeFromStdin(target: string, mode: string, what: string, onChange: readonly string[] = []): string[] {
    return [
        `target=${shQuote(target)}`,
        `mkdir -p "$(dirname "$target")"`,
        `tmp="$(mktemp "$(dirname "$target")/.homelab.XXXXXX")"`,
        `trap 'rm -f "$tmp"' EXIT`,
        `cat > "$tmp"`,
        `if [[ ! -s "$tmp" ]]; then`,
        `    fail "no ${what} on stdin"`,
        "fi",
        `if cmp -s "$tmp" "$target"; then`,
        `    echo "${what}: unchanged"`,
        "else",
        `    chmod ${mode} "$tmp"`,
        `    mv "$tmp" "$target"`,
        `    echo "${what}: written"`,
        ...onChange.map((l) => `    ${l}`),
        "fi",
    ];
}
