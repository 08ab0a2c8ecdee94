import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { fields, outputFields, SchemaInfo } from "../schemaInfo";

/**
 * Retrieves an admin kubeconfig from a control-plane node (and renews its client
 * certificate before `certificateRenewalDuration` runs out).
 */
export class Kubeconfig extends pulumi.CustomResource {
    /** Look up an existing Kubeconfig resource's state by name and provider ID. */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: KubeconfigState, opts?: pulumi.CustomResourceOptions): Kubeconfig {
        return new Kubeconfig(name, state as any, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "talos:cluster/kubeconfig:Kubeconfig";

    /** True if `obj` is a Kubeconfig (works across multiple copies of the SDK). */
    public static isInstance(obj: any): obj is Kubeconfig {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === Kubeconfig.__pulumiType;
    }

    /** Go duration (default "720h"). */
    declare public readonly certificateRenewalDuration: pulumi.Output<string>;
    declare public readonly clientConfiguration: pulumi.Output<outputs.cluster.KubeconfigClientConfiguration>;
    declare public readonly endpoint: pulumi.Output<string>;
    /** The kubeconfig file contents (secret). */
    declare public /*out*/ readonly kubeconfigRaw: pulumi.Output<string>;
    declare public /*out*/ readonly kubernetesClientConfiguration: pulumi.Output<outputs.cluster.KubeconfigKubernetesClientConfiguration>;
    declare public readonly node: pulumi.Output<string>;
    declare public readonly timeouts: pulumi.Output<outputs.cluster.KubeconfigTimeouts | undefined>;

    constructor(name: string, args: KubeconfigArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: KubeconfigArgs | KubeconfigState, opts?: pulumi.CustomResourceOptions) {
        const resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as KubeconfigState | undefined;
            resourceInputs["certificateRenewalDuration"] = state?.certificateRenewalDuration;
            resourceInputs["clientConfiguration"] = state?.clientConfiguration;
            resourceInputs["endpoint"] = state?.endpoint;
            resourceInputs["kubeconfigRaw"] = state?.kubeconfigRaw;
            resourceInputs["kubernetesClientConfiguration"] = state?.kubernetesClientConfiguration;
            resourceInputs["node"] = state?.node;
            resourceInputs["timeouts"] = state?.timeouts;
        } else {
            const args = argsOrState as KubeconfigArgs | undefined;
            if (args?.clientConfiguration === undefined && !opts.urn) {
                throw new Error("Missing required property 'clientConfiguration'");
            }
            if (args?.node === undefined && !opts.urn) {
                throw new Error("Missing required property 'node'");
            }
            resourceInputs["certificateRenewalDuration"] = args?.certificateRenewalDuration;
            resourceInputs["clientConfiguration"] = args?.clientConfiguration;
            resourceInputs["endpoint"] = args?.endpoint;
            resourceInputs["node"] = args?.node;
            resourceInputs["timeouts"] = args?.timeouts;
            resourceInputs["kubeconfigRaw"] = undefined /*out*/;
            resourceInputs["kubernetesClientConfiguration"] = undefined /*out*/;
        }
        opts = utilities.withResourceDefaults(opts);
        // The generated SDK lists only kubeconfigRaw; kubernetesClientConfiguration holds the client key too.
        opts = utilities.withSecretOutputs(opts, ["kubeconfigRaw", "kubernetesClientConfiguration"]);
        super(Kubeconfig.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering Kubeconfig resources. */
export interface KubeconfigState {
    certificateRenewalDuration?: pulumi.Input<string | undefined>;
    clientConfiguration?: pulumi.Input<inputs.cluster.KubeconfigClientConfiguration | undefined>;
    endpoint?: pulumi.Input<string | undefined>;
    kubeconfigRaw?: pulumi.Input<string | undefined>;
    kubernetesClientConfiguration?: pulumi.Input<inputs.cluster.KubeconfigKubernetesClientConfiguration | undefined>;
    node?: pulumi.Input<string | undefined>;
    timeouts?: pulumi.Input<inputs.cluster.KubeconfigTimeouts | undefined>;
}

/** The set of arguments for constructing a Kubeconfig resource. */
export interface KubeconfigArgs {
    /** Go duration (default "720h"). */
    certificateRenewalDuration?: pulumi.Input<string | undefined>;
    clientConfiguration: pulumi.Input<inputs.cluster.KubeconfigClientConfiguration>;
    endpoint?: pulumi.Input<string | undefined>;
    node: pulumi.Input<string>;
    timeouts?: pulumi.Input<inputs.cluster.KubeconfigTimeouts | undefined>;
}

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "resource",
    token: Kubeconfig.__pulumiType,
    inputs: fields<KubeconfigArgs>({
        certificateRenewalDuration: false, clientConfiguration: true, endpoint: false, node: true, timeouts: false,
    }),
    outputs: outputFields<Kubeconfig>({
        certificateRenewalDuration: true, clientConfiguration: true, endpoint: true, kubeconfigRaw: true,
        kubernetesClientConfiguration: true, node: true, timeouts: false,
    }),
    secretInputs: [],
    secretOutputs: ["kubeconfigRaw", "kubernetesClientConfiguration"],
};
