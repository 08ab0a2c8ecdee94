import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { Assert, Equal, fields, Flags, SchemaInfo } from "../schemaInfo";

const TOKEN = "talos:cluster/getHealth:getHealth";

/** The invoke's arguments by their schema names, shared by the Promise and Output forms. */
function wireArgs(args: GetHealthArgs | GetHealthOutputArgs): pulumi.Inputs {
    return {
        "clientConfiguration": args.clientConfiguration,
        "controlPlaneNodes": args.controlPlaneNodes,
        "endpoints": args.endpoints,
        "skipKubernetesChecks": args.skipKubernetesChecks,
        "timeouts": args.timeouts,
        "workerNodes": args.workerNodes,
    };
}

/**
 * Waits until the cluster is healthy (Talos services, etcd, and unless
 * `skipKubernetesChecks`, Kubernetes). Returns on success; fails after the read timeout.
 */
export function getHealth(args: GetHealthArgs, opts?: pulumi.InvokeOptions): Promise<GetHealthResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invoke(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getHealth. */
export interface GetHealthArgs {
    clientConfiguration: inputs.cluster.GetHealthClientConfiguration;
    controlPlaneNodes: string[];
    endpoints: string[];
    /** Only check boot/kubelet, not Kubernetes (default false). */
    skipKubernetesChecks?: boolean;
    timeouts?: inputs.cluster.GetHealthTimeouts;
    workerNodes?: string[];
}

/** A collection of values returned by getHealth. */
export interface GetHealthResult {
    readonly clientConfiguration: outputs.cluster.GetHealthClientConfiguration;
    readonly controlPlaneNodes: string[];
    readonly endpoints: string[];
    readonly id: string;
    readonly skipKubernetesChecks?: boolean;
    readonly timeouts?: outputs.cluster.GetHealthTimeouts;
    readonly workerNodes?: string[];
}

/** Output form of getHealth. */
export function getHealthOutput(args: GetHealthOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetHealthResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invokeOutput(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getHealthOutput. */
export interface GetHealthOutputArgs {
    clientConfiguration: pulumi.Input<inputs.cluster.GetHealthClientConfigurationArgs>;
    controlPlaneNodes: pulumi.Input<pulumi.Input<string>[]>;
    endpoints: pulumi.Input<pulumi.Input<string>[]>;
    skipKubernetesChecks?: pulumi.Input<boolean | undefined>;
    timeouts?: pulumi.Input<inputs.cluster.GetHealthTimeoutsArgs | undefined>;
    workerNodes?: pulumi.Input<pulumi.Input<string>[] | undefined>;
}

export type _SameArgs = Assert<Equal<Flags<GetHealthArgs>, Flags<GetHealthOutputArgs>>>;

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "function",
    token: TOKEN,
    inputs: fields<GetHealthArgs>({
        clientConfiguration: true, controlPlaneNodes: true, endpoints: true, skipKubernetesChecks: false,
        timeouts: false, workerNodes: false,
    }),
    outputs: fields<GetHealthResult>({
        clientConfiguration: true, controlPlaneNodes: true, endpoints: true, id: true, skipKubernetesChecks: false,
        timeouts: false, workerNodes: false,
    }),
    secretInputs: [],
    secretOutputs: [],
};
