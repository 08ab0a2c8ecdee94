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
} as const;
