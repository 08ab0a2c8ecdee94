/**
 * Storage components and the storage layer under the mock engine: what each provider registers
 * (types, names, parents, provider, dependencies, retention, secretness), Rook-Ceph + OpenEBS
 * together, exactly one default class per seed stack, and a whole-program preview.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Helm values are free-form trees; tests index into them directly */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { RecordedResource } from "../../cli/engine/recorder";
import type { RunResult } from "../../cli/engine/run";
import type { ClusterSpec } from "../../config/spec";
import { charts, images } from "../../config/versions";
import { LocalPath } from "../../components/storage/local-path";
import { Longhorn } from "../../components/storage/longhorn";
import { NfsProvisioner } from "../../components/storage/nfs-provisioner";
import { OpenEbs } from "../../components/storage/openebs";
import { RookCeph } from "../../components/storage/rook-ceph";
import { nodePrerequisites } from "../../stacks/prerequisites";
import { buildStorage } from "../../stacks/storage";
import type { StorageLayer } from "../../stacks/types";
import { everythingPrinted, ok, one, ofType, readFixture, runComponent, runProgram, specFrom } from "../harness";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const SECRET = "kubernetes:core/v1:Secret";
const STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass";
const RECURRING_JOB = "kubernetes:longhorn.io/v1beta2:RecurringJob";
const ACCESS_KEY = "AKIA-CANARY-ACCESS-7731";
const SECRET_KEY = "canary-secret-access-key-9127";

/**
 * The layer inputs a storage layer gets: the one provider and stand-ins for the node and CNI
 * components. Each stand-in has a child, because depending on a component means depending on
 * its children (a childless component adds no dependency at all).
 */
function fakeLayers() {
    const provider = new k8s.Provider("k8s", { kubeconfig: "fake" });
    const nodes = new pulumi.ComponentResource("homelab:nodes:Fake", "nodes");
    new k8s.core.v1.ConfigMap("node-ready", { metadata: { name: "node-ready", namespace: "kube-system" } }, { parent: nodes, provider });
    const cni = new pulumi.ComponentResource("homelab:network:FakeCni", "cni");
    new k8s.core.v1.ConfigMap("cni-ready", { metadata: { name: "cni-ready", namespace: "kube-system" } }, { parent: cni, provider });
    return { provider, nodes, cni };
}

/** URN of the stand-in's child, which is what a dependency on the stand-in resolves to. */
function readyUrn(r: RunResult, name: "node-ready" | "cni-ready"): string {
    return one(r, "kubernetes:core/v1:ConfigMap", name).urn;
}

function releaseNamed(r: RunResult, name: string): RecordedResource {
    const found = ofType(r, RELEASE).filter((x) => x.inputs.name === name);
    if (found.length !== 1) throw new Error(`expected one release ${name}, found ${found.length}`);
    return found[0];
}

const values = (res: RecordedResource) => res.inputs.values as Record<string, any>;

/**
 * The StorageClasses marked default, read back from what was registered: chart values (each
 * chart's own default flag) and StorageClass objects, plus k3s' addon when it stays.
 */
function defaultClasses(r: RunResult, spec: ClusterSpec): string[] {
    const out: string[] = [];
    for (const rel of ofType(r, RELEASE)) {
        const v = values(rel);
        switch (rel.inputs.chart) {
            case "longhorn":
                if (v.persistence?.defaultClass === true) out.push("longhorn");
                break;
            case "rook-ceph-cluster":
                for (const p of [...(v.cephBlockPools ?? []), ...(v.cephFileSystems ?? [])]) if (p.storageClass?.isDefault) out.push(p.storageClass.name);
                break;
            case "openebs":
                if (v["localpv-provisioner"]?.hostpathClass?.isDefaultClass) out.push("openebs-hostpath");
                break;
            case "nfs-subdir-external-provisioner":
                if (v.storageClass?.defaultClass) out.push(v.storageClass.name);
                break;
        }
    }
    for (const sc of ofType(r, STORAGE_CLASS)) {
        const meta = sc.inputs.metadata as { name: string; annotations?: Record<string, string> };
        if (meta.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true") out.push(meta.name);
    }
    const disabled = [...(spec.cluster.k3s?.disable ?? []), ...(nodePrerequisites(spec).k3sDisable ?? [])];
    if (spec.cluster.distribution === "k3s" && !disabled.includes("local-storage")) out.push("local-path (k3s addon)");
    return out;
}

describe("Longhorn component", () => {
    const settings = specFrom({
        ...readFixture("Pulumi.pi-k3s.yaml").raw,
    }).storage.longhorn!;

    async function run(withCredentials = true) {
        let layer: { cni?: pulumi.Resource } = {};
        const r = ok(
            await runComponent(() => {
                const { provider, cni } = fakeLayers();
                layer = { cni };
                new Longhorn(
                    "longhorn",
                    {
                        settings,
                        isDefault: true,
                        ...(withCredentials ? { backupCredentials: { accessKeyId: pulumi.secret(ACCESS_KEY), secretAccessKey: pulumi.secret(SECRET_KEY) } } : {}),
                        provider,
                        dependsOn: [cni],
                    },
                );
            }),
        );
        return { r, layer };
    }

    it("installs the pinned chart into its privileged namespace, after the CNI, and keeps it on destroy", async () => {
        const { r } = await run();
        const comp = one(r, "homelab:storage:Longhorn");
        const ns = one(r, NAMESPACE);
        const rel = releaseNamed(r, "longhorn");
        const provider = one(r, "pulumi:providers:kubernetes");
        expect(ns.inputs.metadata).toEqual({
            name: "longhorn-system",
            labels: { "pod-security.kubernetes.io/enforce": "privileged", "pod-security.kubernetes.io/audit": "privileged", "pod-security.kubernetes.io/warn": "privileged" },
            annotations: { "argocd.argoproj.io/sync-options": "Delete=false,Prune=false" },
        });
        expect(ns.retainOnDelete).toBe(true);
        for (const res of [ns, rel]) {
            expect(res.parent).toBe(comp.urn);
            expect(res.provider).toContain(provider.urn);
        }
        expect(rel.inputs).toMatchObject({
            chart: "longhorn",
            version: charts.longhorn.version,
            repositoryOpts: { repo: "https://charts.longhorn.io" },
            namespace: "longhorn-system",
            createNamespace: false,
        });
        expect(rel.retainOnDelete).toBe(true);
        const cni = readyUrn(r, "cni-ready");
        expect(ns.dependencies).toContain(cni);
        expect(rel.dependencies).toEqual(expect.arrayContaining([cni, ns.urn]));
        expect(values(rel).persistence).toEqual({ defaultClass: true, defaultClassReplicaCount: 3, reclaimPolicy: "Retain" });
        expect(values(rel).defaultSettings.deletingConfirmationFlag).toBe(false);
    });

    it("keeps the backup credentials secret end to end; the chart values only name the Secret", async () => {
        const { r } = await run();
        const secret = one(r, SECRET);
        const rel = releaseNamed(r, "longhorn");
        expect(secret.inputs.metadata).toEqual({ name: "longhorn-backup-credentials", namespace: "longhorn-system" });
        expect(secret.inputs.stringData).toBe("[secret]");
        expect(secret.secretPaths).toContain("stringData");
        expect(secret.plainInputs.stringData).toEqual({ AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET_KEY });
        expect(values(rel).defaultBackupStore).toEqual({ backupTarget: "s3://pi-k3s-longhorn@us-east-1/", backupTargetCredentialSecret: "longhorn-backup-credentials" });
        expect(rel.dependencies).toContain(secret.urn);
        const printed = everythingPrinted(r);
        expect(printed).not.toContain(ACCESS_KEY);
        expect(printed).not.toContain(SECRET_KEY);
    });

    it("creates the recurring jobs after the chart that ships their CRD", async () => {
        const { r } = await run();
        const rel = releaseNamed(r, "longhorn");
        const jobs = ofType(r, RECURRING_JOB);
        expect(jobs.map((j) => (j.inputs.metadata as { name: string }).name)).toEqual(["snapshot-hourly", "backup-daily"]);
        for (const j of jobs) {
            expect(j.dependencies).toContain(rel.urn);
            expect((j.inputs.metadata as { namespace: string }).namespace).toBe("longhorn-system");
        }
        expect(jobs[1].inputs.spec).toMatchObject({ task: "backup", cron: "0 3 * * *", retain: 14, groups: ["default"] });
    });

    it("without credentials it registers no Secret, warns, and points the chart at no Secret", async () => {
        const { r } = await run(false);
        expect(ofType(r, SECRET)).toHaveLength(0);
        expect(values(releaseNamed(r, "longhorn")).defaultBackupStore).toEqual({ backupTarget: "s3://pi-k3s-longhorn@us-east-1/" });
        expect(r.logs.some((l) => l.severity === "warning" && l.message.includes("backupAccessKeyId"))).toBe(true);
    });
});

describe("Rook-Ceph, OpenEBS, NFS and local-path components", () => {
    it("Rook-Ceph: operator first, then the cluster chart bound to the operator namespace, both retained", async () => {
        const spec = specFrom(readFixture("Pulumi.homelab.yaml").raw);
        const r = ok(
            await runComponent(() => {
                const { provider, cni } = fakeLayers();
                new RookCeph("rook-ceph", { settings: spec.storage.rookCeph!, isDefault: true, nodeCount: 8, provider, dependsOn: [cni] });
            }),
        );
        const ns = one(r, NAMESPACE);
        const op = releaseNamed(r, "rook-ceph");
        const cluster = releaseNamed(r, "rook-ceph-cluster");
        expect((ns.inputs.metadata as { name: string }).name).toBe("rook-ceph");
        expect(ns.retainOnDelete).toBe(true);
        expect(op.inputs).toMatchObject({ chart: "rook-ceph", version: charts.rookCeph.version, namespace: "rook-ceph", repositoryOpts: { repo: charts.rookCeph.repo } });
        expect(cluster.inputs).toMatchObject({ chart: "rook-ceph-cluster", version: charts.rookCephCluster.version, namespace: "rook-ceph" });
        expect(op.dependencies).toContain(ns.urn);
        expect(cluster.dependencies).toContain(op.urn);
        expect(op.retainOnDelete && cluster.retainOnDelete).toBe(true);
        const v = values(cluster);
        expect(v.operatorNamespace).toBe("rook-ceph");
        expect(v.cephClusterSpec.storage.useAllNodes).toBe(false);
        expect(v.cephClusterSpec.storage.nodes).toHaveLength(8);
        expect(v.cephClusterSpec.storage.nodes[4]).toEqual({ name: "k8s-6", devices: [{ name: "nvme1n1" }] });
        expect(v.cephBlockPools[0].storageClass.isDefault).toBe(true);
    });

    it("OpenEBS: hostpath only, in openebs-system (privileged)", async () => {
        const r = ok(
            await runComponent(() => {
                const { provider, cni } = fakeLayers();
                new OpenEbs("openebs", { settings: { enabled: true, basePath: "/var/openebs/local", reclaimPolicy: "Delete" }, isDefault: false, provider, dependsOn: [cni] });
            }),
        );
        const rel = releaseNamed(r, "openebs");
        expect(rel.inputs).toMatchObject({ chart: "openebs", version: charts.openebs.version, namespace: "openebs-system" });
        expect(values(rel).engines.replicated.mayastor.enabled).toBe(false);
        expect((one(r, NAMESPACE).inputs.metadata as { labels: Record<string, string> }).labels["pod-security.kubernetes.io/enforce"]).toBe("privileged");
    });

    it("NFS: server, path and class name reach the chart; the namespace stays baseline", async () => {
        const r = ok(
            await runComponent(() => {
                const { provider, cni } = fakeLayers();
                new NfsProvisioner(
                    "nfs",
                    { settings: { enabled: true, server: "10.20.11.20", path: "/K3sStorage", storageClassName: "nfs-client", reclaimPolicy: "Retain" }, isDefault: false, provider, dependsOn: [cni] },
                );
            }),
        );
        const rel = releaseNamed(r, "nfs-subdir-external-provisioner");
        expect(rel.inputs).toMatchObject({ chart: "nfs-subdir-external-provisioner", version: charts.nfsSubdir.version, namespace: "nfs-provisioner" });
        expect(values(rel).nfs).toEqual({ server: "10.20.11.20", path: "/K3sStorage", reclaimPolicy: "Retain" });
        // Retain never deletes a volume, so there is nothing to archive.
        expect(values(rel).storageClass).toMatchObject({ name: "nfs-client", defaultClass: false, archiveOnDelete: false });
        expect((one(r, NAMESPACE).inputs.metadata as { labels: Record<string, string> }).labels).toEqual({
            "pod-security.kubernetes.io/enforce": "baseline",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/warn": "restricted",
        });
        expect(one(r, NAMESPACE).retainOnDelete).toBe(true);
    });

    it("local-path: every object named explicitly, pinned image, class default flag and path", async () => {
        const r = ok(
            await runComponent(() => {
                const { provider, cni } = fakeLayers();
                new LocalPath("local-path", { path: "/var/local-path-provisioner", isDefault: true, reclaimPolicy: "Retain", provider, dependsOn: [cni] });
            }),
        );
        const comp = one(r, "homelab:storage:LocalPath");
        const objects = r.resources.filter((x) => x.parent === comp.urn);
        expect(objects.map((o) => o.type).sort()).toEqual(
            [
                "kubernetes:apps/v1:Deployment",
                "kubernetes:core/v1:ConfigMap",
                NAMESPACE,
                "kubernetes:core/v1:ServiceAccount",
                "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
                "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
                "kubernetes:rbac.authorization.k8s.io/v1:Role",
                "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
                STORAGE_CLASS,
            ].sort(),
        );
        for (const o of objects) {
            expect(typeof (o.inputs.metadata as { name?: unknown }).name).toBe("string");
            expect(o.provider).not.toBe("");
        }
        const deploy = one(r, "kubernetes:apps/v1:Deployment");
        expect(JSON.stringify(deploy.inputs)).toContain(images.localPathProvisioner);
        const sc = one(r, STORAGE_CLASS);
        expect(sc.inputs).toMatchObject({ metadata: { name: "local-path", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }, reclaimPolicy: "Retain" });
        expect(JSON.stringify(one(r, "kubernetes:core/v1:ConfigMap", "local-path-config").inputs)).toContain("/var/local-path-provisioner");
    });
});

describe("storage layer", () => {
    async function layer(file: string, secrets: Record<string, string> = {}) {
        const spec = specFrom(readFixture(file).raw, secrets);
        let out: StorageLayer | undefined;
        const r = ok(
            await runComponent(() => {
                const { provider, nodes, cni } = fakeLayers();
                out = buildStorage(spec, { component: nodes, apiReady: [nodes], kubeconfig: pulumi.secret("fake"), provider }, { ready: [cni], podNetwork: [nodes, cni], clusterIssuers: [] });
            }),
        );
        return { r, spec, out: out! };
    }

    it("nuc-talos: Rook-Ceph and OpenEBS together, ceph-block the one default, both after nodes and CNI", async () => {
        const { r, spec, out } = await layer("Pulumi.homelab.yaml");
        expect(ofType(r, "homelab:storage:RookCeph")).toHaveLength(1);
        expect(ofType(r, "homelab:storage:OpenEbs")).toHaveLength(1);
        expect(ofType(r, RELEASE).map((x) => x.inputs.name).sort()).toEqual(["openebs", "rook-ceph", "rook-ceph-cluster"]);
        expect(defaultClasses(r, spec)).toEqual(["ceph-block"]);
        expect(out.defaultStorageClass).toBe("ceph-block");
        expect(out.storageClasses).toEqual(["ceph-block", "openebs-hostpath"]);
        expect(out.ready).toHaveLength(2);
        for (const ns of ofType(r, NAMESPACE)) expect(ns.dependencies).toEqual(expect.arrayContaining([readyUrn(r, "node-ready"), readyUrn(r, "cni-ready")]));
    });

    it.each([
        ["Pulumi.pi-k3s.yaml", ["longhorn"], "longhorn"],
        ["Pulumi.ha-k3s.yaml", ["longhorn"], "longhorn"],
        ["Pulumi.nixos-k3s.yaml", ["longhorn"], "longhorn"],
        ["Pulumi.proxmox-k3s.yaml", ["nfs-subdir-external-provisioner"], "local-path"],
    ])("%s: the seed's providers and exactly one default class", async (file, releases, def) => {
        const { r, spec, out } = await layer(file, { backupAccessKeyId: ACCESS_KEY, backupSecretAccessKey: SECRET_KEY });
        expect(ofType(r, RELEASE).map((x) => x.inputs.name)).toEqual(releases);
        expect(out.defaultStorageClass).toBe(def);
        expect(defaultClasses(r, spec)).toHaveLength(1);
        const printed = everythingPrinted(r);
        expect(printed).not.toContain(ACCESS_KEY);
        expect(printed).not.toContain(SECRET_KEY);
    });

    it("proxmox-k3s keeps k3s' local-path for databases and adds nfs-client, not default", async () => {
        const { r, out } = await layer("Pulumi.proxmox-k3s.yaml");
        expect(ofType(r, "homelab:storage:LocalPath")).toHaveLength(0);
        expect(out.storageClasses).toEqual(["nfs-client", "local-path"]);
        expect(values(releaseNamed(r, "nfs-subdir-external-provisioner")).storageClass.annotations).toEqual({ "storageclass.kubernetes.io/is-default-class": "false" });
    });

    it("is deterministic: the same config registers the same inputs", async () => {
        const a = await layer("Pulumi.homelab.yaml");
        const b = await layer("Pulumi.homelab.yaml");
        expect(a.r.resources.map((x) => [x.urn, x.inputs])).toEqual(b.r.resources.map((x) => [x.urn, x.inputs]));
    });
});

describe("whole program", () => {
    const secrets: Record<string, string> = {
        gitSshPrivateKey: "k",
        sshPrivateKey: "k",
        backupAccessKeyId: ACCESS_KEY,
        backupSecretAccessKey: SECRET_KEY,
        infisicalClientId: "i",
        infisicalClientSecret: "s",
        "cloudflare:apiToken": "t",
    };

    it.each(["Pulumi.homelab.yaml", "Pulumi.pi-k3s.yaml"])("%s previews without errors", async (file) => {
        const r = await runProgram(readFixture(file).raw, { secrets });
        expect(r.errors.map((e) => e.message)).toEqual([]);
        expect(everythingPrinted(r)).not.toContain(SECRET_KEY);
    });

    it("nuc-talos preview: storage on the node layer's provider, after the cluster exists; the OpenEBS mount reaches every node", async () => {
        const r = ok(await runProgram(readFixture("Pulumi.homelab.yaml").raw, { secrets }));
        expect(ofType(r, "homelab:storage:RookCeph")).toHaveLength(1);
        expect(ofType(r, "homelab:storage:OpenEbs")).toHaveLength(1);
        const provider = one(r, "pulumi:providers:kubernetes");
        const storage = r.resources.filter((x) => x.custom && x.type.startsWith("kubernetes:") && x.type !== "pulumi:providers:kubernetes");
        expect(storage.length).toBeGreaterThanOrEqual(5);
        for (const x of storage) expect(x.provider.startsWith(provider.urn)).toBe(true);
        const kubeconfig = one(r, "talos:cluster/kubeconfig:Kubeconfig");
        const storageNamespaces = ofType(r, NAMESPACE).filter((ns) => ns.parent.includes("homelab:storage:"));
        expect(storageNamespaces.map((ns) => ns.name).sort()).toEqual(["openebs-namespace", "rook-ceph-namespace"]);
        for (const ns of storageNamespaces) expect(ns.dependencies).toContain(kubeconfig.urn);
        const applies = ofType(r, "talos:machine/configurationApply:ConfigurationApply");
        expect(applies.length).toBe(8);
        for (const a of applies) expect(JSON.stringify(a.inputs.configPatches)).toContain("/var/openebs/local");
    });

    it("pi-k3s preview: Longhorn's host packages and iscsid in the install script, local-storage disabled, storage after the servers", async () => {
        const r = ok(await runProgram(readFixture("Pulumi.pi-k3s.yaml").raw, { secrets }));
        const installs = r.resources.filter((x) => x.type === "command:remote:Command" && String(x.inputs.create).includes("homelab:k3s-install"));
        expect(installs.length).toBeGreaterThan(0);
        for (const i of installs) {
            expect(String(i.inputs.create)).toContain("open-iscsi");
            expect(String(i.inputs.create)).toContain("iscsid");
        }
        // `disable` is a server flag: every server's config.yaml drops the addon.
        const servers = installs.filter((i) => String(i.inputs.stdin).includes("disable:"));
        expect(servers).toHaveLength(3);
        for (const sv of servers) expect(String(sv.inputs.stdin)).toMatch(/disable:[\s\S]*- local-storage/);
        const ns = one(r, NAMESPACE, "longhorn-namespace");
        // Storage waits for the API (NodesLayer.apiReady: the last server, the kubeconfig), not for
        // the agent batches: Longhorn's pods reach an agent only after its install added open-iscsi.
        const after = ns.dependencies.map((u) => u.split("::").pop());
        expect(after).toEqual(expect.arrayContaining(["pi-k3s-rpi3-uncordon", "pi-k3s-kubeconfig"]));
        expect(after.filter((n) => /^pi-k3s-(rpi[4-8]|aimax|thor)-/.test(n ?? ""))).toEqual([]);
        expect(everythingPrinted(r)).not.toContain(ACCESS_KEY);
    });

    it("proxmox-k3s preview: k3s keeps its local-path (the default) and nfs-common is installed", async () => {
        const r = ok(await runProgram(readFixture("Pulumi.proxmox-k3s.yaml").raw, { secrets: { ...secrets, gitToken: "t" } }));
        const installs = r.resources.filter((x) => x.type === "command:remote:Command" && String(x.inputs.create).includes("homelab:k3s-install"));
        expect(installs.length).toBeGreaterThan(0);
        for (const i of installs) {
            expect(String(i.inputs.create)).toContain("nfs-common");
            expect(String(i.inputs.stdin)).not.toContain("local-storage");
        }
        expect(ofType(r, "homelab:storage:LocalPath")).toHaveLength(0);
        expect(values(releaseNamed(r, "nfs-subdir-external-provisioner")).storageClass.defaultClass).toBe(false);
    });

    it("Longhorn on Talos preview: the schematic gains iscsi-tools and util-linux-tools, the kubelet the data-path mount", async () => {
        const raw = readFixture("Pulumi.homelab.yaml").raw;
        const r = ok(
            await runProgram(
                {
                    ...raw,
                    gitops: { ...(raw.gitops as object), handoff: [] },
                    storage: { longhorn: { enabled: true, replicas: 3, backup: { target: "nfs://10.0.60.5:/longhorn" } }, defaultClass: "longhorn" },
                },
                { secrets },
            ),
        );
        const schematic = String(one(r, "talos:imageFactory/schematic:Schematic").inputs.schematic);
        expect(schematic).toContain("siderolabs/iscsi-tools");
        expect(schematic).toContain("siderolabs/util-linux-tools");
        for (const a of ofType(r, "talos:machine/configurationApply:ConfigurationApply")) expect(JSON.stringify(a.inputs.configPatches)).toContain("/var/lib/longhorn");
        expect(values(releaseNamed(r, "longhorn")).defaultBackupStore).toEqual({ backupTarget: "nfs://10.0.60.5:/longhorn" });
        // An NFS backup target needs no credentials: the storage layer creates no Secret.
        expect(ofType(r, SECRET).filter((x) => x.parent.includes("homelab:storage:"))).toHaveLength(0);
    });
});
