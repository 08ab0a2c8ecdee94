/**
 * The rancher local-path provisioner, deployed by the program: on Talos (nothing ships it), and
 * on k3s when the built-in "local-storage" addon is disabled because another provider owns the
 * default class. When k3s' addon is kept, nothing is deployed (see localStoragePlan).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { images } from "../../config/versions";
import type { StorageComponentArgs } from "./common";
import { platformNamespace } from "../namespace";
import { localPathClassName, localPathNamespace, localPathObjects } from "./local-path-manifests";

/** Arguments of {@link LocalPath}. */
export interface LocalPathArgs extends StorageComponentArgs {
    /** Host directory for the volumes (under /var on Talos). */
    readonly path: string;
    readonly reclaimPolicy: "Retain" | "Delete";
}

/** `homelab:storage:LocalPath` */
export class LocalPath extends pulumi.ComponentResource {
    public readonly storageClass: k8s.storage.v1.StorageClass;
    public readonly storageClassName = localPathClassName;

    constructor(name: string, args: LocalPathArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:storage:LocalPath", name, {}, opts);
        const o = localPathObjects({
            path: args.path,
            isDefault: args.isDefault,
            reclaimPolicy: args.reclaimPolicy,
            image: images.localPathProvisioner,
            helperImage: images.busybox,
        });
        const provider = args.provider;
        const base = { parent: this, provider };
        // privileged: the helper pods create and remove volume directories through hostPath.
        const ns = platformNamespace(`${name}-namespace`, { name: localPathNamespace, podSecurity: "privileged" }, { ...base, dependsOn: args.dependsOn });
        const inNs = { ...base, dependsOn: [ns] };
        const sa = new k8s.core.v1.ServiceAccount(`${name}-service-account`, o.serviceAccount, inNs);
        const role = new k8s.rbac.v1.Role(`${name}-role`, o.role, inNs);
        const clusterRole = new k8s.rbac.v1.ClusterRole(`${name}-cluster-role`, o.clusterRole, base);
        const roleBinding = new k8s.rbac.v1.RoleBinding(`${name}-role-binding`, o.roleBinding, { ...base, dependsOn: [role, sa] });
        const clusterRoleBinding = new k8s.rbac.v1.ClusterRoleBinding(`${name}-cluster-role-binding`, o.clusterRoleBinding, { ...base, dependsOn: [clusterRole, sa] });
        const config = new k8s.core.v1.ConfigMap(`${name}-config`, o.configMap, inNs);
        const deployment = new k8s.apps.v1.Deployment(`${name}-deployment`, o.deployment, {
            ...base,
            dependsOn: [config, roleBinding, clusterRoleBinding],
        });
        this.storageClass = new k8s.storage.v1.StorageClass(`${name}-storage-class`, o.storageClass, { ...base, dependsOn: args.dependsOn });
        this.registerOutputs({ deployment: deployment.metadata.name, storageClassName: this.storageClassName });
    }
}
