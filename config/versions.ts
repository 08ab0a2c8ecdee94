/**
 * Every chart and image the program installs, pinned in one place. Renovate reads the
 * `renovate:` comments (customManagers regex in renovate.json) to open upgrade PRs.
 */

/** A Helm chart pin. */
export interface ChartPin {
    readonly chart: string;
    /** Helm repository URL, or an `oci://` registry path (then `chart` is the last segment). */
    readonly repo: string;
    readonly version: string;
}

export const charts = {
    // renovate: datasource=helm registryUrl=https://helm.cilium.io/ depName=cilium
    // 1.20 is the line e2e-tested against the Kubernetes releases Talos 1.13 ships (1.36); 1.18 stops at 1.33.
    // https://docs.cilium.io/en/stable/network/kubernetes/compatibility/
    cilium: { chart: "cilium", repo: "https://helm.cilium.io/", version: "1.20.0" },
    // renovate: datasource=helm registryUrl=https://metallb.github.io/metallb depName=metallb
    metallb: { chart: "metallb", repo: "https://metallb.github.io/metallb", version: "0.16.1" },
    // renovate: datasource=helm registryUrl=https://kube-vip.github.io/helm-charts depName=kube-vip-cloud-provider
    kubeVipCloudProvider: { chart: "kube-vip-cloud-provider", repo: "https://kube-vip.github.io/helm-charts", version: "0.2.10" },
    // renovate: datasource=helm registryUrl=https://kube-vip.github.io/helm-charts depName=kube-vip
    kubeVip: { chart: "kube-vip", repo: "https://kube-vip.github.io/helm-charts", version: "0.9.9" },
    // renovate: datasource=helm registryUrl=https://charts.jetstack.io depName=cert-manager
    certManager: { chart: "cert-manager", repo: "https://charts.jetstack.io", version: "v1.21.1" },
    // renovate: datasource=helm registryUrl=https://charts.longhorn.io depName=longhorn
    longhorn: { chart: "longhorn", repo: "https://charts.longhorn.io", version: "1.12.1" },
    // renovate: datasource=helm registryUrl=https://charts.rook.io/release depName=rook-ceph
    rookCeph: { chart: "rook-ceph", repo: "https://charts.rook.io/release", version: "v1.20.6" },
    // renovate: datasource=helm registryUrl=https://charts.rook.io/release depName=rook-ceph-cluster
    rookCephCluster: { chart: "rook-ceph-cluster", repo: "https://charts.rook.io/release", version: "v1.20.6" },
    // renovate: datasource=helm registryUrl=https://openebs.github.io/openebs depName=openebs
    openebs: { chart: "openebs", repo: "https://openebs.github.io/openebs", version: "4.2.0" },
    // renovate: datasource=helm registryUrl=https://kubernetes-sigs.github.io/nfs-subdir-external-provisioner/ depName=nfs-subdir-external-provisioner
    nfsSubdir: { chart: "nfs-subdir-external-provisioner", repo: "https://kubernetes-sigs.github.io/nfs-subdir-external-provisioner/", version: "4.0.18" },
    // renovate: datasource=helm registryUrl=https://argoproj.github.io/argo-helm depName=argo-cd
    argocd: { chart: "argo-cd", repo: "https://argoproj.github.io/argo-helm", version: "10.1.1" },
    // renovate: datasource=helm registryUrl=https://bitnami-labs.github.io/sealed-secrets depName=sealed-secrets
    sealedSecrets: { chart: "sealed-secrets", repo: "https://bitnami-labs.github.io/sealed-secrets", version: "2.18.5" },
    // renovate: datasource=helm registryUrl=https://charts.external-secrets.io depName=external-secrets
    externalSecrets: { chart: "external-secrets", repo: "https://charts.external-secrets.io", version: "2.9.0" },
} as const satisfies Record<string, ChartPin>;

export const images = {
    // The Renovate marker ends each line, so Renovate can rewrite the whole reference, tag and
    // digest (renovate.json: autoReplaceStringTemplate; pinDigests adds `@sha256:...` in its
    // first PR). Tags only until then: no registry is reachable where this code is written, and
    // a digest is never typed in by hand (docs/security.md).
    cloudflared: "docker.io/cloudflare/cloudflared:2026.8.2", // renovate: datasource=docker
    kubeVip: "ghcr.io/kube-vip/kube-vip:v1.2.3", // renovate: datasource=docker
    localPathProvisioner: "docker.io/rancher/local-path-provisioner:v0.0.32", // renovate: datasource=docker
    // The local-path provisioner's helper pod (creates and removes volume directories); upstream leaves it untagged.
    busybox: "docker.io/library/busybox:1.37.0", // renovate: datasource=docker
    // Uploads Talos etcd snapshots to an S3-compatible bucket (components/nodes/talos-etcd-backup-manifests.ts).
    awsCli: "docker.io/amazon/aws-cli:2.17.0", // renovate: datasource=docker
} as const;

/**
 * The Talos, Kubernetes and k3s versions this program is written and tested for. A stack outside
 * these gets a warning from `validate`, `plan` and `pulumi up` (not an error: a newer patch of a
 * supported minor is always fine, and trying a newer minor is the user's call). The check looks at
 * minors only and never at today's date, so the same stack validates the same way every day;
 * bump these when the pins above move.
 */
export const supportedVersions = {
    /**
     * Talos minors whose machine-config contract our generated patches are written for: the 1.13
     * contract (multi-document config; the legacy `machine.network`/`machine.time` blocks are
     * hidden from the 1.13 schema). The Talos binding (sdks/talos, provider v0.8.1) links Talos
     * machinery v1.13.0. https://www.talos.dev/v1.13/introduction/what-is-new/
     */
    talos: ["1.13"],
    /**
     * Kubernetes minors, for `cluster.kubernetesVersion` (Talos) and k3s releases. Lowest: 1.34,
     * since 1.33 reached end of life on 2026-06-28 (https://kubernetes.io/releases/patch-releases/).
     * Highest: 1.36, the newest that Talos 1.13 runs (`talosctl upgrade-k8s` refuses 1.37 there;
     * https://www.talos.dev/v1.13/introduction/support-matrix/) and the newest the pinned Cilium
     * 1.20 is tested against (https://docs.cilium.io/en/stable/network/kubernetes/compatibility/).
     */
    kubernetes: ["1.34", "1.35", "1.36"],
} as const;

/** End-of-life dates of Kubernetes minors the warnings name (https://kubernetes.io/releases/patch-releases/). */
export const kubernetesEndOfLife: Readonly<Record<string, string>> = { "1.33": "2026-06-28" };

/** `v1.36.1+k3s1` / `1.36.3` / `v1.13.9` -> `1.36` / `1.36` / `1.13`; undefined when unparsable. */
export function minorOf(version: string): string | undefined {
    return /^v?(\d+\.\d+)\./.exec(version)?.[1];
}
