/**
 * Bash scripts of the Talos rollout steps (pure renderers; `talos-rollout.ts` wires them into
 * `@pulumi/command` `local.Command`s). They run on the machine that runs `pulumi up`, with
 * `talosctl` (and `kubectl` for worker removal) on its PATH, never during preview.
 *
 * Secrets: the talosconfig arrives in the secret environment variable `TALOSCONFIG_DATA`, is
 * written to a 0600 temp file (removed on exit) and reaches talosctl as `TALOSCONFIG=<file>`:
 * never in argv, never echoed. Every script is bounded (`timeout` around each talosctl call, and
 * the resource's customTimeouts) and names the node in every failure.
 *
 * Upstream behaviour relied on (siderolabs/talos v1.13.9):
 * - `talosctl upgrade --image` drains the node (`--drain` defaults to true), reboots into the new
 *   image and waits (`--wait`, `--timeout`): cmd/talosctl/cmd/talos/upgrade.go, track.go.
 * - `talosctl reboot --wait --drain`: cmd/talosctl/cmd/talos/reboot.go.
 * - MachineConfig `v1alpha1` is the running config, `persistent` the one on disk; a staged apply
 *   makes them differ until the next reboot: pkg/machinery/resources/config/machine_config.go.
 * - `talosctl health` checks etcd members == control planes and that Kubernetes knows exactly the
 *   listed nodes: pkg/cluster/check/default.go.
 * - `talosctl etcd remove-member <member ID>` takes the hex member id (cmd/talosctl/cmd/talos/etcd.go).
 * - every image-factory image carries a virtual extension `schematic` whose version is the
 *   schematic id (siderolabs/image-factory internal/profile/profile.go, "append schematic
 *   extension"; internal/artifacts/schematic.go): a node installed from another image reports
 *   none and is upgraded to the configured one.
 */

/** Environment every rollout script receives (besides the secret `TALOSCONFIG_DATA`). */
export type RolloutNodeEnv = {
    readonly NODE_NAME: string;
    readonly NODE_IP: string;
    /** Comma-separated online control-plane IPs (the real set `talosctl health` checks). */
    readonly CONTROL_PLANES: string;
    /** Comma-separated online worker IPs. */
    readonly WORKERS: string;
    /** Upper bound of the whole step, seconds. */
    readonly STEP_TIMEOUT: string;
};

/** `20m` / `90s` / `1h30m` -> seconds (the schema's Go-duration subset: h, m, s). */
export function durationSeconds(d: string): number {
    const re = /(\d+)(h|m|s)/g;
    let total = 0;
    let matched = "";
    for (const m of d.matchAll(re)) {
        total += Number(m[1]) * (m[2] === "h" ? 3600 : m[2] === "m" ? 60 : 1);
        matched += m[0];
    }
    if (matched !== d || total === 0) throw new Error(`duration ${d} must be made of h/m/s parts, e.g. 20m or 1h30m`);
    return total;
}

/** Shared head: strict mode, talosconfig to a 0600 temp file, helpers. */
export function prelude(step: string): string {
    return [
        "#!/usr/bin/env bash",
        "set -euo pipefail",
        `step=${JSON.stringify(step)}`,
        'fail() { echo "talos ${step} on node ${NODE_NAME:-?} (${NODE_IP:-?}): $*" >&2; exit 1; }',
        'command -v talosctl >/dev/null || fail "talosctl is not on PATH (install the talosctl matching the cluster)"',
        'command -v timeout >/dev/null || fail "timeout (coreutils) is not on PATH"',
        "umask 077",
        'tc="$(mktemp)"',
        "trap 'rm -f \"$tc\"' EXIT",
        'printf "%s" "${TALOSCONFIG_DATA:?talosconfig missing}" > "$tc"',
        "unset TALOSCONFIG_DATA",
        'export TALOSCONFIG="$tc"',
        'first_cp="${CONTROL_PLANES%%,*}"',
        "health() {",
        '  local workers=()',
        '  [ -n "${WORKERS}" ] && workers=(--worker-nodes "${WORKERS}")',
        '  timeout "$((STEP_TIMEOUT + 60))" talosctl -n "$first_cp" health --control-plane-nodes "${CONTROL_PLANES}" ${workers[@]+"${workers[@]}"} --wait-timeout "${STEP_TIMEOUT}s" \\',
        '    || fail "cluster not healthy after this node (talosctl -n $first_cp health; talosctl -n ${NODE_IP} dmesg; a Node object of a removed machine also fails this check: kubectl delete node <name>)"',
        "}",
        "",
    ].join("\n");
}

/**
 * Per-node rollout (runs on update: the node's installer image or its config hash changed).
 * 1. Not on the target version + schematic: `talosctl upgrade --image` (drains, reboots into the
 *    new image and, with it, into any staged configuration).
 * 2. Else, when the apply was staged and the running config still differs from the one on disk:
 *    `talosctl reboot --drain --wait`.
 * 3. Health of the whole cluster before the next node starts.
 * A node already done is skipped, so a re-run after a failure resumes at the first node not done
 * and never reboots a node twice. Env: RolloutNodeEnv + IMAGE, VERSION, SCHEMATIC, APPLY_MODE.
 */
export function rolloutScript(): string {
    return (
        prelude("rollout") +
        [
            'running="$(timeout 60 talosctl -n "$NODE_IP" version | awk \'/Tag:/ { t = $2 } END { print t }\')" || fail "cannot reach the Talos API (talosctl -n $NODE_IP version)"',
            'extensions="$(timeout 60 talosctl -n "$NODE_IP" get extensions -o yaml)" || fail "cannot list extensions (talosctl -n $NODE_IP get extensions)"',
            'cfg() { timeout 60 talosctl -n "$NODE_IP" get machineconfig "$1" -o jsonpath="{.spec}" | sha256sum; }',
            // Running (v1alpha1) vs on-disk (persistent) config: they differ while a staged apply waits for a reboot.
            'staged_pending() {',
            '  local active persistent',
            '  active="$(cfg v1alpha1)" || fail "cannot read the running configuration"',
            '  persistent="$(cfg persistent)" || fail "cannot read the staged configuration"',
            '  [ "$active" != "$persistent" ]',
            '}',
            'if [ "$running" != "$VERSION" ] || ! grep -q -- "$SCHEMATIC" <<<"$extensions"; then',
            '  echo "upgrading node $NODE_NAME ($NODE_IP) from ${running:-unknown} to $IMAGE"',
            '  timeout "$STEP_TIMEOUT" talosctl -n "$NODE_IP" upgrade --image "$IMAGE" --wait --timeout "${STEP_TIMEOUT}s" \\',
            '    || fail "upgrade to $IMAGE failed or timed out (talosctl -n $NODE_IP dmesg; talosctl -n $NODE_IP services)"',
            'elif [ "$APPLY_MODE" = "staged" ] && staged_pending; then',
            '  echo "rebooting node $NODE_NAME ($NODE_IP) into its staged configuration"',
            '  timeout "$STEP_TIMEOUT" talosctl -n "$NODE_IP" reboot --drain --wait --timeout "${STEP_TIMEOUT}s" \\',
            '    || fail "reboot failed or timed out (talosctl -n $NODE_IP dmesg)"',
            "else",
            '  echo "node $NODE_NAME runs $VERSION with its configuration ($APPLY_MODE): no reboot"',
            "fi",
            "health",
            "",
        ].join("\n")
    );
}

/**
 * Kubernetes upgrade through the first control plane of CONTROL_PLANES, the bootstrap node (runs on update, i.e. when
 * KUBERNETES_VERSION changed). `upgrade-k8s` updates one component at a time and skips those
 * already at the target, so a re-run resumes. Env: RolloutNodeEnv + KUBERNETES_VERSION.
 */
export function kubernetesUpgradeScript(): string {
    return (
        prelude("upgrade-k8s") +
        [
            'echo "upgrading Kubernetes to $KUBERNETES_VERSION through $first_cp"',
            'timeout "$STEP_TIMEOUT" talosctl -n "$first_cp" upgrade-k8s --to "$KUBERNETES_VERSION" \\',
            '  || fail "talosctl upgrade-k8s --to $KUBERNETES_VERSION failed or timed out (is it supported by the running Talos version? talosctl -n $first_cp upgrade-k8s --to $KUBERNETES_VERSION --dry-run)"',
            "health",
            "",
        ].join("\n")
    );
}

/**
 * Removes a control plane's etcd member through a surviving control plane (CONTROL_PLANES must
 * not contain the removed node). The member is found by its name (= the node's hostname); no
 * member by that name means there is nothing to do. The removed machine itself is not contacted.
 */
export function etcdRemoveMemberScript(): string {
    return (
        prelude("etcd remove-member") +
        [
            'if [ -z "$CONTROL_PLANES" ]; then echo "no other control plane left: no etcd member to remove"; exit 0; fi',
            // Right after a bootstrap etcd may not answer yet: retry until the step's bound.
            'end=$((SECONDS + STEP_TIMEOUT))',
            'until members="$(timeout 60 talosctl -n "$first_cp" etcd members)"; do',
            '  [ "$SECONDS" -lt "$end" ] || fail "cannot list etcd members through $first_cp (talosctl -n $first_cp etcd members)"',
            "  sleep 10",
            "done",
            // `talosctl etcd members` prints [NODE] ID HOSTNAME PEER-URLS CLIENT-URLS LEARNER (NODE
            // only when proxied): the id is the column right before the hostname.
            'id="$(printf "%s\\n" "$members" | awk -v h="$NODE_NAME" \'NR > 1 { for (i = 2; i <= NF; i++) if ($i == h) print $(i - 1) }\')"',
            'if [ -z "$id" ]; then',
            '  echo "node $NODE_NAME is not an etcd member: nothing to remove"',
            "  exit 0",
            "fi",
            'echo "removing etcd member $id ($NODE_NAME) through $first_cp"',
            'timeout 120 talosctl -n "$first_cp" etcd remove-member "$id" || fail "talosctl etcd remove-member $id through $first_cp failed"',
            "",
        ].join("\n")
    );
}

/**
 * Worker removal: cordon, drain and delete its Node (a kubeconfig comes from the talosconfig;
 * `kubectl` must be on PATH). A worker that no longer answers is drained at the API level; the
 * drain is bounded by STEP_TIMEOUT.
 */
export function workerRemoveScript(): string {
    return (
        prelude("worker removal") +
        [
            'command -v kubectl >/dev/null || fail "kubectl is not on PATH"',
            'kc="$(mktemp)"',
            "trap 'rm -f \"$tc\" \"$kc\"' EXIT",
            'timeout 120 talosctl -n "$first_cp" kubeconfig --force "$kc" >/dev/null || fail "cannot get a kubeconfig through $first_cp"',
            'if ! KUBECONFIG="$kc" timeout 60 kubectl get node "$NODE_NAME" >/dev/null 2>&1; then',
            '  echo "node $NODE_NAME is not in Kubernetes: nothing to drain"',
            "  exit 0",
            "fi",
            'KUBECONFIG="$kc" timeout 60 kubectl cordon "$NODE_NAME" || fail "kubectl cordon failed"',
            // A dead node never confirms its pods' deletion: stop waiting for a pod a minute after its
            // deletion started (--skip-wait-for-delete-timeout); bare pods go too (--force).
            'KUBECONFIG="$kc" timeout "$STEP_TIMEOUT" kubectl drain "$NODE_NAME" --ignore-daemonsets --delete-emptydir-data --force --skip-wait-for-delete-timeout=60 --timeout "${STEP_TIMEOUT}s" \\',
            '  || fail "kubectl drain did not finish (PodDisruptionBudgets? kubectl get pods -A -o wide --field-selector spec.nodeName=$NODE_NAME)"',
            'KUBECONFIG="$kc" timeout 60 kubectl delete node "$NODE_NAME" || fail "kubectl delete node failed"',
            "",
        ].join("\n")
    );
}

/** The no-op run on create: a first install needs no rollout (machines install what their config says). */
export const NOOP_ON_CREATE = 'echo "first install: nothing to roll out"';
