/**
 * Does the host already run k3s, of which cluster, and is that what the run expects? Plus the
 * NixOS case: the OS runs k3s with flannel / kube-proxy while the stack wants Cilium to replace
 * them. Pure functions over the probe's sections (checks/probe.ts).
 */
import type { CheckResult, K3sNodeTarget, PreflightMode } from "../types";
import { osId } from "./host";
import type { ProbeSections } from "./probe";
import { fail, pass, warn } from "./result";

export interface K3sInstall {
    readonly installed: boolean;
    readonly version?: string;
    /** Active systemd units (`k3s`, `k3s-agent`). */
    readonly active: readonly string[];
    /** K3S_URL / `server:` of a joined node. */
    readonly server?: string;
    /** SHA-256 of the server CA certificate (servers only): the cluster's identity. */
    readonly caHash?: string;
    readonly tokenPresent: boolean;
}

export function k3sInstall(p: ProbeSections): K3sInstall {
    const versionLine = p["k3s-version"] ?? "";
    const version = /\bv\d+\.\d+\.\d+\+k3s\d+/.exec(versionLine)?.[0];
    const active = (p["k3s-units"] ?? "")
        .split("\n")
        .map((l) => l.trim().split(/\s+/))
        .filter((f) => f[1] === "active")
        .map((f) => f[0]);
    const serverLine = (p["k3s-server"] ?? "").split("\n")[0] ?? "";
    const server = /^(?:K3S_URL=|server:\s*)["']?([^"'\s]+)/.exec(serverLine)?.[1];
    const caHash = /^[0-9a-f]{64}$/.exec((p["k3s-ca"] ?? "").trim())?.[0];
    return {
        installed: !!versionLine || active.length > 0,
        ...(version ? { version } : {}),
        active,
        ...(server ? { server } : {}),
        ...(caHash ? { caHash } : {}),
        tokenPresent: (p["k3s-token"] ?? "") === "present",
    };
}

export function describeInstall(i: K3sInstall): string {
    const state = i.active.length > 0 ? `running (${i.active.join(", ")})` : "installed, not running";
    const which = [i.server && `joined to ${i.server}`, i.caHash && `cluster CA sha256:${i.caHash.slice(0, 16)}…`, i.tokenPresent && "server token present"];
    return [`k3s ${i.version ?? "(version unknown)"} ${state}`, ...which.filter(Boolean)].join("; ");
}

/**
 * Fresh mode refuses a host that already runs k3s: the install step would re-run the installer
 * with our config over it, and a first server with `cluster-init` would start a second cluster
 * (FACTS §8). Preinstalled mode instead needs k3s running.
 */
export function existingInstall(t: K3sNodeTarget, p: ProbeSections, mode: PreflightMode): CheckResult {
    const id = "k3s.existing-install";
    const i = k3sInstall(p);
    if (t.install === "preinstalled") {
        if (i.active.length > 0) return pass(t.name, id, `${describeInstall(i)} (managed by the OS)`);
        return fail(
            t.name,
            id,
            i.installed ? `${describeInstall(i)}; cluster.k3s.install is preinstalled` : "no k3s on the host; cluster.k3s.install is preinstalled",
            osId(p) === "nixos" ? "enable services.k3s in the NixOS configuration and nixos-rebuild switch" : "install and start k3s on the host, or set cluster.k3s.install: script",
        );
    }
    if (!i.installed) {
        if (mode === "adopt") return warn(t.name, id, "no k3s here although cluster.adopt is set: it is installed fresh and joins", "none needed if this node is new; otherwise check the address");
        return pass(t.name, id, "no k3s installed (fresh host)");
    }
    if (mode === "fresh") {
        return fail(
            t.name,
            id,
            `${describeInstall(i)}: refusing the fresh install path over a running k3s`,
            "to take this cluster over set homelab:cluster.adopt: true and its token (pulumi config set --secret k3sToken ...; docs/disaster-recovery.md); " +
                "to start over run k3s-uninstall.sh (server) / k3s-agent-uninstall.sh (agent) on the host",
        );
    }
    return pass(t.name, id, `${describeInstall(i)} (${mode})`);
}

/**
 * With Cilium as CNI (and kube-proxy replacement) k3s must run with `flannel-backend: none` (and
 * `disable-kube-proxy`). Script installs write that config themselves; preinstalled k3s (NixOS)
 * gets its flags from the OS configuration, so a running k3s that still runs flannel is reported.
 */
export function ciliumReady(t: K3sNodeTarget, p: ProbeSections): CheckResult[] {
    if (t.install !== "preinstalled" || !t.cilium.enabled) return [];
    const i = k3sInstall(p);
    if (i.active.length === 0) return [];
    const flags = (p["k3s-flags"] ?? "").split("\n");
    const flannelNone = flags.some((f) => /^flannel-backend[=: "]+none$/.test(f.trim()));
    const flannelLink = /^\d+:\s+flannel[.-]/m.test(p["links"] ?? "");
    const noKubeProxy = flags.some((f) => /^disable-kube-proxy([=: "]+true)?$/.test(f.trim()));
    const nix = osId(p) === "nixos";
    const out: CheckResult[] = [];
    if (!flannelNone || flannelLink) {
        out.push(
            fail(
                t.name,
                "k3s.flannel-off",
                `k3s runs flannel${flannelLink ? " (flannel link present)" : ""} but the stack installs Cilium as CNI`,
                nix
                    ? 'add "--flannel-backend=none" "--disable-network-policy" to services.k3s.extraFlags, nixos-rebuild switch, then reboot (flannel links and rules stay until then)'
                    : "run k3s with flannel-backend: none and disable-network-policy: true, then reboot",
            ),
        );
    } else out.push(pass(t.name, "k3s.flannel-off", "flannel-backend none"));
    if (t.cilium.kubeProxyReplacement) {
        out.push(
            noKubeProxy
                ? pass(t.name, "k3s.kube-proxy-off", "disable-kube-proxy set")
                : fail(
                      t.name,
                      "k3s.kube-proxy-off",
                      "k3s runs kube-proxy but cni.kubeProxyReplacement is true",
                      nix ? 'add "--disable-kube-proxy" to services.k3s.extraFlags and nixos-rebuild switch' : "run k3s with disable-kube-proxy: true",
                  ),
        );
    }
    return out;
}
