import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { Assert, Equal, fields, Flags, SchemaInfo } from "../schemaInfo";

const TOKEN = "talos:client/getConfiguration:getConfiguration";

/** The invoke's arguments by their schema names, shared by the Promise and Output forms. */
function wireArgs(args: GetConfigurationArgs | GetConfigurationOutputArgs): pulumi.Inputs {
    return {
        "clientConfiguration": args.clientConfiguration,
        "clusterName": args.clusterName,
        "endpoints": args.endpoints,
        "nodes": args.nodes,
    };
}

/** Renders a talosconfig (talosctl client configuration) for the cluster. */
export function getConfiguration(args: GetConfigurationArgs, opts?: pulumi.InvokeOptions): Promise<GetConfigurationResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invoke(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getConfiguration. */
export interface GetConfigurationArgs {
    /** `machine.Secrets.clientConfiguration`. */
    clientConfiguration: inputs.client.GetConfigurationClientConfiguration;
    clusterName: string;
    endpoints?: string[];
    nodes?: string[];
}

/** A collection of values returned by getConfiguration. */
export interface GetConfigurationResult {
    readonly clientConfiguration: outputs.client.GetConfigurationClientConfiguration;
    readonly clusterName: string;
    readonly endpoints?: string[];
    readonly id: string;
    readonly nodes?: string[];
    /** The talosconfig file contents (secret). */
    readonly talosConfig: string;
}

/** Output form of getConfiguration; the result is returned as a secret (it holds a client key). */
export function getConfigurationOutput(args: GetConfigurationOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetConfigurationResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.secret(pulumi.runtime.invokeOutput(TOKEN, wireArgs(args), opts)) as pulumi.Output<GetConfigurationResult>;
}

/** A collection of arguments for invoking getConfigurationOutput. */
export interface GetConfigurationOutputArgs {
    clientConfiguration: pulumi.Input<inputs.client.GetConfigurationClientConfigurationArgs>;
    clusterName: pulumi.Input<string>;
    endpoints?: pulumi.Input<pulumi.Input<string>[] | undefined>;
    nodes?: pulumi.Input<pulumi.Input<string>[] | undefined>;
}

export type _SameArgs = Assert<Equal<Flags<GetConfigurationArgs>, Flags<GetConfigurationOutputArgs>>>;

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "function",
    token: TOKEN,
    inputs: fields<GetConfigurationArgs>({ clientConfiguration: true, clusterName: true, endpoints: false, nodes: false }),
    outputs: fields<GetConfigurationResult>({
        clientConfiguration: true, clusterName: true, endpoints: false, id: true, nodes: false, talosConfig: true,
    }),
    secretInputs: [],
    secretOutputs: ["talosConfig"],
};
