import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { fields, outputFields, SchemaInfo } from "../schemaInfo";

/**
 * Bootstraps etcd on one control-plane node. Create it once per cluster, after the
 * node's ConfigurationApply (use `dependsOn`).
 */
export class Bootstrap extends pulumi.CustomResource {
    /** Look up an existing Bootstrap resource's state by name and provider ID. */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: BootstrapState, opts?: pulumi.CustomResourceOptions): Bootstrap {
        return new Bootstrap(name, state as any, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "talos:machine/bootstrap:Bootstrap";

    /** True if `obj` is a Bootstrap (works across multiple copies of the SDK). */
    public static isInstance(obj: any): obj is Bootstrap {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === Bootstrap.__pulumiType;
    }

    declare public readonly clientConfiguration: pulumi.Output<outputs.machine.ClientConfiguration | undefined>;
    /** Write-only variant of `clientConfiguration`. */
    declare public readonly clientConfigurationWo: pulumi.Output<outputs.machine.BootstrapClientConfigurationWo | undefined>;
    /** Endpoint to reach the node through (defaults to `node`). */
    declare public readonly endpoint: pulumi.Output<string>;
    /** Control-plane node to bootstrap. */
    declare public readonly node: pulumi.Output<string>;
    declare public readonly timeouts: pulumi.Output<outputs.machine.BootstrapTimeouts | undefined>;

    constructor(name: string, args: BootstrapArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: BootstrapArgs | BootstrapState, opts?: pulumi.CustomResourceOptions) {
        const resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as BootstrapState | undefined;
            resourceInputs["clientConfiguration"] = state?.clientConfiguration;
            resourceInputs["clientConfigurationWo"] = state?.clientConfigurationWo;
            resourceInputs["endpoint"] = state?.endpoint;
            resourceInputs["node"] = state?.node;
            resourceInputs["timeouts"] = state?.timeouts;
        } else {
            const args = argsOrState as BootstrapArgs | undefined;
            if (args?.node === undefined && !opts.urn) {
                throw new Error("Missing required property 'node'");
            }
            resourceInputs["clientConfiguration"] = args?.clientConfiguration;
            resourceInputs["clientConfigurationWo"] = args?.clientConfigurationWo ? pulumi.secret(args.clientConfigurationWo) : undefined;
            resourceInputs["endpoint"] = args?.endpoint;
            resourceInputs["node"] = args?.node;
            resourceInputs["timeouts"] = args?.timeouts;
        }
        opts = utilities.withResourceDefaults(opts);
        opts = utilities.withSecretOutputs(opts, ["clientConfigurationWo"]);
        super(Bootstrap.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering Bootstrap resources. */
export interface BootstrapState {
    clientConfiguration?: pulumi.Input<inputs.machine.ClientConfiguration | undefined>;
    clientConfigurationWo?: pulumi.Input<inputs.machine.BootstrapClientConfigurationWo | undefined>;
    endpoint?: pulumi.Input<string | undefined>;
    node?: pulumi.Input<string | undefined>;
    timeouts?: pulumi.Input<inputs.machine.BootstrapTimeouts | undefined>;
}

/** The set of arguments for constructing a Bootstrap resource. */
export interface BootstrapArgs {
    clientConfiguration?: pulumi.Input<inputs.machine.ClientConfiguration | undefined>;
    clientConfigurationWo?: pulumi.Input<inputs.machine.BootstrapClientConfigurationWo | undefined>;
    endpoint?: pulumi.Input<string | undefined>;
    node: pulumi.Input<string>;
    timeouts?: pulumi.Input<inputs.machine.BootstrapTimeouts | undefined>;
}

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "resource",
    token: Bootstrap.__pulumiType,
    inputs: fields<BootstrapArgs>({
        clientConfiguration: false, clientConfigurationWo: false, endpoint: false, node: true, timeouts: false,
    }),
    outputs: outputFields<Bootstrap>({
        clientConfiguration: false, clientConfigurationWo: false, endpoint: true, node: true, timeouts: false,
    }),
    secretInputs: ["clientConfigurationWo"],
    secretOutputs: ["clientConfigurationWo"],
};
