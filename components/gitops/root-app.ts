/**
 * The root of the app tree: one app-of-apps Application, or one ApplicationSet per layer. From
 * here on ArgoCD deploys everything else from the GitOps repository.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { layerApplicationSet, overlappingLayers, rootApplication, rootProject, type Manifest } from "./root-manifests";

/** Inputs of {@link RootApp}. */
export interface RootAppArgs {
    readonly provider: k8s.Provider;
    /** ArgoCD's namespace. */
    readonly namespace: string;
    readonly repo: { readonly url: string; readonly revision: string; readonly path?: string; readonly recurse: boolean };
    readonly layout: "app-of-apps" | "applicationsets";
    /** Layers for the applicationsets layout, in order. */
    readonly applicationSets: ReadonlyArray<{ readonly name: string; readonly path: string; readonly namespace?: string }>;
    /**
     * Must include the ArgoCD release (its CRDs), and should include whatever the first sync
     * needs: repository credentials, operator credentials, the sealing key.
     */
    readonly dependsOn: pulumi.Input<pulumi.Resource>[];
    /** Name of the app-of-apps Application. */
    readonly rootName?: string;
    /** The root's AppProject (`gitops.project`); default name `homelab-root`, no signature keys. */
    readonly project?: { readonly name: string; readonly signatureKeys: readonly string[] };
}

/** `homelab:gitops:RootApp` */
export class RootApp extends pulumi.ComponentResource {
    /** The Application or ApplicationSets, in creation order. */
    public readonly resources: k8s.apiextensions.CustomResource[] = [];

    constructor(name: string, args: RootAppArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:gitops:RootApp", name, {}, opts);
        const projectSpec = args.project ?? { name: "homelab-root", signatureKeys: [] };
        // The root's own AppProject, created first: an Application naming a missing project
        // is rejected by ArgoCD.
        const project = new k8s.apiextensions.CustomResource(
            `${name}-project`,
            { ...rootProject({ name: projectSpec.name, namespace: args.namespace, repoURL: args.repo.url, signatureKeys: projectSpec.signatureKeys }) },
            { parent: this, provider: args.provider, dependsOn: args.dependsOn },
        );
        const source = { repoURL: args.repo.url, revision: args.repo.revision, project: projectSpec.name };
        const create = (resName: string, m: Manifest, after: pulumi.Input<pulumi.Resource>[]) => {
            const cr = new k8s.apiextensions.CustomResource(resName, { ...m }, { parent: this, provider: args.provider, dependsOn: after });
            this.resources.push(cr);
            return cr;
        };
        if (args.layout === "app-of-apps") {
            if (!args.repo.path) throw new Error("gitops.repo.path is required for the app-of-apps layout");
            create(
                `${name}-application`,
                rootApplication({ ...source, name: args.rootName ?? "root", namespace: args.namespace, path: args.repo.path, recurse: args.repo.recurse }),
                [...args.dependsOn, project],
            );
        } else {
            // Created in layer order (init before critical before platform...). ArgoCD does not
            // order ApplicationSets by itself; apps of a later layer that need an earlier one
            // retry with backoff until it is there (see syncPolicy in root-manifests.ts).
            let previous: k8s.apiextensions.CustomResource | undefined;
            const excludes = overlappingLayers(args.applicationSets);
            for (const [i, set] of args.applicationSets.entries()) {
                previous = create(
                    `${name}-${set.name}`,
                    layerApplicationSet({ ...source, name: set.name, namespace: args.namespace, path: set.path, targetNamespace: set.namespace, exclude: excludes[i] }),
                    previous ? [...args.dependsOn, project, previous] : [...args.dependsOn, project],
                );
            }
        }
        this.registerOutputs({ names: this.resources.map((r) => r.metadata.name) });
    }
}
