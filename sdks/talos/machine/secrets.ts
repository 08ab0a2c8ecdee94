import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { fields, outputFields, SchemaInfo } from "../schemaInfo";

/**
 * Generates the machine secrets (CAs, keys, tokens) of a Talos cluster and a matching
 * client (talosctl) configuration. Nothing leaves the Pulumi state; no node is contacted.
 */
export class Secrets extends pulumi.CustomResource {
    /** Look up an existing Secrets resource's state by name and provider ID. */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: SecretsState, opts?: pulumi.CustomResourceOptions): Secrets {
        return new Secrets(name, state as any, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "talos:machine/secrets:Secrets";

    /** True if `obj` is a Secrets (works across multiple copies of the SDK). */
    public static isInstance(obj: any): obj is Secrets {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === Secrets.__pulumiType;
    }

    /** Client configuration (CA, client certificate and key) for talosctl / the other resources. */
    declare public /*out*/ readonly clientConfiguration: pulumi.Output<outputs.machine.ClientConfiguration>;
    /** The machine secrets; pass to `machine.getConfiguration(Output)`. */
    declare public /*out*/ readonly machineSecrets: pulumi.Output<outputs.machine.MachineSecrets>;
    /** Talos config contract version, e.g. "v1.13". */
    declare public readonly talosVersion: pulumi.Output<string>;

    constructor(name: string, args?: SecretsArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: SecretsArgs | SecretsState, opts?: pulumi.CustomResourceOptions) {
        const resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as SecretsState | undefined;
            resourceInputs["clientConfiguration"] = state?.clientConfiguration;
            resourceInputs["machineSecrets"] = state?.machineSecrets;
            resourceInputs["talosVersion"] = state?.talosVersion;
        } else {
            const args = argsOrState as SecretsArgs | undefined;
            resourceInputs["talosVersion"] = args?.talosVersion;
            resourceInputs["clientConfiguration"] = undefined /*out*/;
            resourceInputs["machineSecrets"] = undefined /*out*/;
        }
        opts = utilities.withResourceDefaults(opts);
        // Not in the generated SDK (it relies on the nested secret flags); added for safety.
        opts = utilities.withSecretOutputs(opts, ["machineSecrets", "clientConfiguration"]);
        super(Secrets.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering Secrets resources. */
export interface SecretsState {
    clientConfiguration?: pulumi.Input<inputs.machine.ClientConfiguration | undefined>;
    machineSecrets?: pulumi.Input<inputs.machine.MachineSecretsArgs | undefined>;
    talosVersion?: pulumi.Input<string | undefined>;
}

/** The set of arguments for constructing a Secrets resource. */
export interface SecretsArgs {
    /** Talos config contract version, e.g. "v1.13" (defaults to the provider's, v1.13). */
    talosVersion?: pulumi.Input<string | undefined>;
}

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "resource",
    token: Secrets.__pulumiType,
    inputs: fields<SecretsArgs>({ talosVersion: false }),
    outputs: outputFields<Secrets>({ clientConfiguration: true, machineSecrets: true, talosVersion: true }),
    secretInputs: [],
    secretOutputs: ["machineSecrets", "clientConfiguration"],
};
