/**
 * OpenEBS local hostpath volumes (openebs-hostpath). On Talos the base path gets a kubelet
 * mount (stacks/prerequisites.ts); the helper pods use hostPath, so the namespace is privileged.
 */
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { openebsSchema } from "../../config/schema/storage";
import { charts } from "../../config/versions";
import { chartRelease, storageNamespace, type StorageComponentArgs } from "./common";
import { openebsClassName, openebsNamespace, openebsReleaseName, openebsValues } from "./openebs-values";

export type OpenEbsSettings = z.output<typeof openebsSchema>;

/** Arguments of {@link OpenEbs}. */
export interface OpenEbsArgs extends StorageComponentArgs {
    /** `homelab:storage.openebs`, defaults applied. */
    readonly settings: OpenEbsSettings;
}

/** `homelab:storage:OpenEbs` */
export class OpenEbs extends pulumi.ComponentResource {
    public readonly release: k8s.helm.v3.Release;
    public readonly storageClassName = openebsClassName;

    constructor(name: string, args: OpenEbsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:storage:OpenEbs", name, {}, opts);
        const provider = args.provider;
        // privileged: the provisioner's helper pods create and remove directories through hostPath.
        const ns = storageNamespace(`${name}-namespace`, openebsNamespace, { provider, parent: this, dependsOn: args.dependsOn, podSecurity: "privileged" });
        this.release = chartRelease(
            `${name}-release`,
            {
                name: openebsReleaseName,
                namespace: openebsNamespace,
                pin: charts.openebs,
                values: openebsValues({ basePath: args.settings.basePath, isDefault: args.isDefault, reclaimPolicy: args.settings.reclaimPolicy }),
            },
            { provider, parent: this, dependsOn: [ns, ...args.dependsOn], handoff: args.handoff },
        );
        this.registerOutputs({ release: this.release, storageClassName: this.storageClassName });
    }
}
