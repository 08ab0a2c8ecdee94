import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { fields, outputFields, SchemaInfo } from "../schemaInfo";

/**
 * Applies a machine configuration (plus `configPatches`) to one Talos node through its API.
 */
export class ConfigurationApply extends pulumi.CustomResource {
    /** Look up an existing ConfigurationApply resource's state by name and provider ID. */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ConfigurationApplyState, opts?: pulumi.CustomResourceOptions): ConfigurationApply {
        return new ConfigurationApply(name, state as any, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "talos:machine/configurationApply:ConfigurationApply";

    /** True if `obj` is a ConfigurationApply (works across multiple copies of the SDK). */
    public static isInstance(obj: any): obj is ConfigurationApply {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === ConfigurationApply.__pulumiType;
    }

    /** "auto" (default), "reboot", "no_reboot", "staged" or "staged_if_needing_reboot". */
    declare public readonly applyMode: pulumi.Output<string>;
    declare public readonly clientConfiguration: pulumi.Output<outputs.machine.ClientConfiguration | undefined>;
    /** Write-only variant of `clientConfiguration`. */
    declare public readonly clientConfigurationWo: pulumi.Output<outputs.machine.ConfigurationApplyClientConfigurationWo | undefined>;
    /** YAML/JSON strategic-merge patches applied on top of `machineConfigurationInput`. */
    declare public readonly configPatches: pulumi.Output<string[] | undefined>;
    /** Endpoint to reach the node through (defaults to `node`). */
    declare public readonly endpoint: pulumi.Output<string>;
    /** The rendered configuration that was applied (after patches). */
    declare public /*out*/ readonly machineConfiguration: pulumi.Output<string>;
    /** sha256 of `machineConfiguration`. */
    declare public /*out*/ readonly machineConfigurationHash: pulumi.Output<string>;
    declare public readonly machineConfigurationInput: pulumi.Output<string | undefined>;
    /** Write-only variant of `machineConfigurationInput`. */
    declare public readonly machineConfigurationInputWo: pulumi.Output<string | undefined>;
    /** Node to apply the configuration to. */
    declare public readonly node: pulumi.Output<string>;
    declare public readonly onDestroy: pulumi.Output<outputs.machine.ConfigurationApplyOnDestroy | undefined>;
    /** The apply mode actually used. */
    declare public /*out*/ readonly resolvedApplyMode: pulumi.Output<string>;
    declare public readonly timeouts: pulumi.Output<outputs.machine.Timeout | undefined>;

    constructor(name: string, args: ConfigurationApplyArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: ConfigurationApplyArgs | ConfigurationApplyState, opts?: pulumi.CustomResourceOptions) {
        const resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as ConfigurationApplyState | undefined;
            resourceInputs["applyMode"] = state?.applyMode;
            resourceInputs["clientConfiguration"] = state?.clientConfiguration;
            resourceInputs["clientConfigurationWo"] = state?.clientConfigurationWo;
            resourceInputs["configPatches"] = state?.configPatches;
            resourceInputs["endpoint"] = state?.endpoint;
            resourceInputs["machineConfiguration"] = state?.machineConfiguration;
            resourceInputs["machineConfigurationHash"] = state?.machineConfigurationHash;
            resourceInputs["machineConfigurationInput"] = state?.machineConfigurationInput;
            resourceInputs["machineConfigurationInputWo"] = state?.machineConfigurationInputWo;
            resourceInputs["node"] = state?.node;
            resourceInputs["onDestroy"] = state?.onDestroy;
            resourceInputs["resolvedApplyMode"] = state?.resolvedApplyMode;
            resourceInputs["timeouts"] = state?.timeouts;
        } else {
            const args = argsOrState as ConfigurationApplyArgs | undefined;
            if (args?.node === undefined && !opts.urn) {
                throw new Error("Missing required property 'node'");
            }
            resourceInputs["applyMode"] = args?.applyMode;
            resourceInputs["clientConfiguration"] = args?.clientConfiguration;
            resourceInputs["clientConfigurationWo"] = args?.clientConfigurationWo ? pulumi.secret(args.clientConfigurationWo) : undefined;
            resourceInputs["configPatches"] = args?.configPatches;
            resourceInputs["endpoint"] = args?.endpoint;
            resourceInputs["machineConfigurationInput"] = args?.machineConfigurationInput ? pulumi.secret(args.machineConfigurationInput) : undefined;
            resourceInputs["machineConfigurationInputWo"] = args?.machineConfigurationInputWo ? pulumi.secret(args.machineConfigurationInputWo) : undefined;
            resourceInputs["node"] = args?.node;
            resourceInputs["onDestroy"] = args?.onDestroy;
            resourceInputs["timeouts"] = args?.timeouts;
            resourceInputs["machineConfiguration"] = undefined /*out*/;
            resourceInputs["machineConfigurationHash"] = undefined /*out*/;
            resourceInputs["resolvedApplyMode"] = undefined /*out*/;
        }
        opts = utilities.withResourceDefaults(opts);
        opts = utilities.withSecretOutputs(opts, ["clientConfigurationWo", "machineConfiguration", "machineConfigurationInput", "machineConfigurationInputWo"]);
        super(ConfigurationApply.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering ConfigurationApply resources. */
export interface ConfigurationApplyState {
    applyMode?: pulumi.Input<string | undefined>;
    clientConfiguration?: pulumi.Input<inputs.machine.ClientConfiguration | undefined>;
    clientConfigurationWo?: pulumi.Input<inputs.machine.ConfigurationApplyClientConfigurationWo | undefined>;
    configPatches?: pulumi.Input<pulumi.Input<string>[] | undefined>;
    endpoint?: pulumi.Input<string | undefined>;
    machineConfiguration?: pulumi.Input<string | undefined>;
    machineConfigurationHash?: pulumi.Input<string | undefined>;
    machineConfigurationInput?: pulumi.Input<string | undefined>;
    machineConfigurationInputWo?: pulumi.Input<string | undefined>;
    node?: pulumi.Input<string | undefined>;
    onDestroy?: pulumi.Input<inputs.machine.ConfigurationApplyOnDestroy | undefined>;
    resolvedApplyMode?: pulumi.Input<string | undefined>;
    timeouts?: pulumi.Input<inputs.machine.Timeout | undefined>;
}

/** The set of arguments for constructing a ConfigurationApply resource. */
export interface ConfigurationApplyArgs {
    /** "auto" (default), "reboot", "no_reboot", "staged" or "staged_if_needing_reboot". */
    applyMode?: pulumi.Input<string | undefined>;
    clientConfiguration?: pulumi.Input<inputs.machine.ClientConfiguration | undefined>;
    clientConfigurationWo?: pulumi.Input<inputs.machine.ConfigurationApplyClientConfigurationWo | undefined>;
    configPatches?: pulumi.Input<pulumi.Input<string>[] | undefined>;
    endpoint?: pulumi.Input<string | undefined>;
    /** The machine configuration (usually `machine.getConfigurationOutput(...).machineConfiguration`). */
    machineConfigurationInput?: pulumi.Input<string | undefined>;
    machineConfigurationInputWo?: pulumi.Input<string | undefined>;
    node: pulumi.Input<string>;
    /** Only takes effect once applied (pulumi up) before the destroy. */
    onDestroy?: pulumi.Input<inputs.machine.ConfigurationApplyOnDestroy | undefined>;
    timeouts?: pulumi.Input<inputs.machine.Timeout | undefined>;
}

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "resource",
    token: ConfigurationApply.__pulumiType,
    inputs: fields<ConfigurationApplyArgs>({
        applyMode: false, clientConfiguration: false, clientConfigurationWo: false, configPatches: false,
        endpoint: false, machineConfigurationInput: false, machineConfigurationInputWo: false, node: true,
        onDestroy: false, timeouts: false,
    }),
    outputs: outputFields<ConfigurationApply>({
        applyMode: true, clientConfiguration: false, clientConfigurationWo: false, configPatches: false,
        endpoint: true, machineConfiguration: true, machineConfigurationHash: true, machineConfigurationInput: false,
        machineConfigurationInputWo: false, node: true, onDestroy: false, resolvedApplyMode: true, timeouts: false,
    }),
    secretInputs: ["clientConfigurationWo", "machineConfigurationInput", "machineConfigurationInputWo"],
    secretOutputs: ["clientConfigurationWo", "machineConfiguration", "machineConfigurationInput", "machineConfigurationInputWo"],
};
