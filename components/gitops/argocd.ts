/**
 * ArgoCD itself: its namespace, the admin password and the pinned argo-cd Helm release (CRDs
 * included). Everything else in the cluster is then ArgoCD's to deploy from Git.
 */
import { pinnedRelease } from "../helm";
import * as command from "@pulumi/command";
import { platformNamespace } from "../namespace";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { charts, type ChartPin } from "../../config/versions";
import { argocdValues, type ArgocdValuesSettings } from "./argocd-values";
import { adminPasswordHash, passwordChangeKey } from "./bcrypt";

/** Namespace and release name; the chart's object names (argocd-server, argocd-secret...) follow. */
export const ARGOCD_NAMESPACE = "argocd";
export const ARGOCD_RELEASE = "argocd";

/** Inputs of {@link ArgoCD}. */
export interface ArgoCDArgs {
    /** The cluster's one Kubernetes provider. */
    readonly provider: k8s.Provider;
    /** `gitops.argocd` settings. */
    readonly settings: ArgocdValuesSettings & { readonly selfManaged: boolean };
    /** homelab:argocdAdminPassword (secret), plain or already bcrypt-hashed; generated when absent. */
    readonly adminPassword?: pulumi.Output<string>;
    /** Resources that must be ready before ArgoCD's pods can run (the CNI, storage). */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    /** Chart pin; defaults to config/versions.ts. */
    readonly chart?: ChartPin;
}

/**
 * `homelab:gitops:ArgoCD`. The release waits until ArgoCD is ready, so anything that depends on
 * it (Applications, ApplicationSets) is created only once the CRDs exist.
 */
export class ArgoCD extends pulumi.ComponentResource {
    public readonly namespace: k8s.core.v1.Namespace;
    public readonly release: k8s.helm.v3.Release;
    /** Name of the namespace, known at preview. */
    public readonly namespaceName: string = ARGOCD_NAMESPACE;
    /** The admin password in clear (secret): generated, or the one from config. */
    public readonly adminPassword: pulumi.Output<string>;

    constructor(name: string, args: ArgoCDArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:gitops:ArgoCD", name, {}, opts);
        // Every object waits for the layers below (a component's own dependsOn does not reach its children).
        const k8sOpts = { parent: this, provider: args.provider, dependsOn: args.dependsOn ?? [] };

        // baseline: the chart's pods need no host access (warns at restricted, see components/namespace.ts).
        this.namespace = platformNamespace(`${name}-namespace`, { name: ARGOCD_NAMESPACE, podSecurity: "baseline" }, k8sOpts);

        let hash: pulumi.Output<string>;
        if (args.adminPassword) {
            this.adminPassword = pulumi.secret(args.adminPassword);
            // A random salt drawn once and kept (secret) in state: the same password gives the
            // same hash on every run, and a leaked hash costs a full bcrypt per guess. Not
            // `protect`ed: losing it only re-salts the hash (the password still works; sessions
            // end), while protection would make unsetting argocdAdminPassword fail.
            const salt = new random.RandomBytes(`${name}-admin-salt`, { length: 16 }, { parent: this, additionalSecretOutputs: ["base64", "hex"] });
            const password = args.adminPassword;
            hash = pulumi.secret(pulumi.all([password, salt.base64]).apply(([p, s]) => adminPasswordHash(p, new Uint8Array(Buffer.from(s, "base64").subarray(0, 16)))));
        } else {
            const generated = new random.RandomPassword(
                `${name}-admin-password`,
                { length: 32, special: false },
                {
                    parent: this,
                    // Generated once and kept: a change of the generation settings in code must
                    // not silently rotate the password (rotate with `pulumi up --replace`).
                    ignoreChanges: ["length", "special", "upper", "lower", "numeric", "minUpper", "minLower", "minNumeric", "minSpecial", "overrideSpecial"],
                },
            );
            this.adminPassword = pulumi.secret(generated.result);
            // bcryptHash is computed once by the provider and stored, so it is stable too.
            hash = pulumi.secret(generated.bcryptHash);
        }

        // admin.passwordMtime = when the hash last changed. The stamp is read from the clock of
        // the machine running `pulumi up`, once, when this command is created; it is replaced
        // (and so re-read) only when its trigger, a digest of the hash, changes. So it moves
        // forward exactly when the password (or salt) changes, ending older sessions, and the
        // program's inputs never contain a clock reading (docs/security.md).
        const mtime = new command.local.Command(
            `${name}-admin-password-mtime`,
            { create: "date -u +%Y-%m-%dT%H:%M:%SZ", triggers: [pulumi.secret(hash.apply(passwordChangeKey))] },
            { parent: this },
        );
        const passwordMtime = mtime.stdout.apply((out) => (out ?? "").trim());

        const pin = args.chart ?? charts.argocd;
        const handoff: pulumi.CustomResourceOptions = args.settings.selfManaged
            ? {
                  // After the handoff ArgoCD upgrades itself from Git; Pulumi keeps the release
                  // in state (and on the cluster) but never upgrades or rolls it back.
                  ignoreChanges: ["chart", "version", "values", "repositoryOpts"],
                  retainOnDelete: true,
              }
            : {};
        this.release = pinnedRelease(
            name,
            {
                release: ARGOCD_RELEASE,
                pin,
                namespace: this.namespace.metadata.name,
                values: argocdValues(args.settings, hash, passwordMtime),
                // Wait for the pods: dependents need the CRDs and a running controller.
                skipAwait: false,
                timeout: 600,
            },
            { ...k8sOpts, dependsOn: [this.namespace, ...(args.dependsOn ?? [])], ...handoff },
        );

        this.registerOutputs({ namespace: this.namespaceName, release: this.release.status, adminPassword: this.adminPassword });
    }
}
