import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { Assert, Equal, fields, Flags, SchemaInfo } from "../schemaInfo";

const TOKEN = "talos:machine/getConfiguration:getConfiguration";

/** The invoke's arguments by their schema names, shared by the Promise and Output forms. */
function wireArgs(args: GetConfigurationArgs | GetConfigurationOutputArgs): pulumi.Inputs {
    return {
        "clusterEndpoint": args.clusterEndpoint,
        "clusterName": args.clusterName,
        "configPatches": args.configPatches,
        "docs": args.docs,
        "examples": args.examples,
        "kubernetesVersion": args.kubernetesVersion,
        "machineSecrets": args.machineSecrets,
        "machineType": args.machineType,
        "talosVersion": args.talosVersion,
    };
}

/**
 * Renders a Talos machine configuration (controlplane or worker) from the cluster's machine
 * secrets. Runs locally in the provider; no node is contacted.
 */
export function getConfiguration(args: GetConfigurationArgs, opts?: pulumi.InvokeOptions): Promise<GetConfigurationResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invoke(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getConfiguration. */
export interface GetConfigurationArgs {
    /** e.g. "https://10.0.0.50:6443" */
    clusterEndpoint: string;
    clusterName: string;
    /** YAML/JSON strategic-merge patches (multi-document allowed). */
    configPatches?: string[];
    /** Include documentation comments (default false). */
    docs?: boolean;
    /** Include example comments (default false). */
    examples?: boolean;
    /** Defaults to the provider's Kubernetes version. */
    kubernetesVersion?: string;
    /** `machine.Secrets.machineSecrets`. */
    machineSecrets: inputs.machine.MachineSecrets;
    /** "controlplane" or "worker". */
    machineType: string;
    /** Config contract version (does not choose the installed Talos version). */
    talosVersion?: string;
}

/** A collection of values returned by getConfiguration. */
export interface GetConfigurationResult {
    readonly clusterEndpoint: string;
    readonly clusterName: string;
    readonly configPatches?: string[];
    readonly docs?: boolean;
    readonly examples?: boolean;
    readonly id: string;
    readonly kubernetesVersion?: string;
    /** The rendered machine configuration (secret). */
    readonly machineConfiguration: string;
    readonly machineSecrets: outputs.machine.MachineSecrets;
    readonly machineType: string;
    readonly talosVersion?: string;
}

/**
 * Output form of getConfiguration. Accepts Outputs (e.g. `secrets.machineSecrets`) and
 * returns the result as a secret (it holds the rendered configuration with keys).
 */
export function getConfigurationOutput(args: GetConfigurationOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetConfigurationResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.secret(pulumi.runtime.invokeOutput(TOKEN, wireArgs(args), opts)) as pulumi.Output<GetConfigurationResult>;
}

/** A collection of arguments for invoking getConfigurationOutput. */
export interface GetConfigurationOutputArgs {
    clusterEndpoint: pulumi.Input<string>;
    clusterName: pulumi.Input<string>;
    configPatches?: pulumi.Input<pulumi.Input<string>[] | undefined>;
    docs?: pulumi.Input<boolean | undefined>;
    examples?: pulumi.Input<boolean | undefined>;
    kubernetesVersion?: pulumi.Input<string | undefined>;
    machineSecrets: pulumi.Input<inputs.machine.MachineSecretsArgs>;
    machineType: pulumi.Input<string>;
    talosVersion?: pulumi.Input<string | undefined>;
}

export type _SameArgs = Assert<Equal<Flags<GetConfigurationArgs>, Flags<GetConfigurationOutputArgs>>>;

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "function",
    token: TOKEN,
    inputs: fields<GetConfigurationArgs>({
        clusterEndpoint: true, clusterName: true, configPatches: false, docs: false, examples: false,
        kubernetesVersion: false, machineSecrets: true, machineType: true, talosVersion: false,
    }),
    outputs: fields<GetConfigurationResult>({
        clusterEndpoint: true, clusterName: true, configPatches: false, docs: false, examples: false, id: true,
        kubernetesVersion: false, machineConfiguration: true, machineSecrets: true, machineType: true, talosVersion: false,
    }),
    secretInputs: [],
    secretOutputs: ["machineConfiguration"],
};
