import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { Assert, Equal, fields, Flags, SchemaInfo } from "../schemaInfo";

const TOKEN = "talos:cluster/getKubeconfig:getKubeconfig";

/** The invoke's arguments by their schema names, shared by the Promise and Output forms. */
function wireArgs(args: GetKubeconfigArgs | GetKubeconfigOutputArgs): pulumi.Inputs {
    return {
        "clientConfiguration": args.clientConfiguration,
        "endpoint": args.endpoint,
        "node": args.node,
        "timeouts": args.timeouts,
        "wait": args.wait,
    };
}

/** Data-source twin of `cluster.Kubeconfig`: reads an admin kubeconfig from a control-plane node. */
export function getKubeconfig(args: GetKubeconfigArgs, opts?: pulumi.InvokeOptions): Promise<GetKubeconfigResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invoke(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getKubeconfig. */
export interface GetKubeconfigArgs {
    clientConfiguration: inputs.cluster.GetKubeconfigClientConfiguration;
    endpoint?: string;
    node: string;
    timeouts?: inputs.cluster.GetKubeconfigTimeouts;
    /** @deprecated No-op in the provider. */
    wait?: boolean;
}

/** A collection of values returned by getKubeconfig. */
export interface GetKubeconfigResult {
    readonly clientConfiguration: outputs.cluster.GetKubeconfigClientConfiguration;
    readonly endpoint: string;
    readonly id: string;
    /** The kubeconfig file contents (secret). */
    readonly kubeconfigRaw: string;
    readonly kubernetesClientConfiguration: outputs.cluster.GetKubeconfigKubernetesClientConfiguration;
    readonly node: string;
    readonly timeouts?: outputs.cluster.GetKubeconfigTimeouts;
    /** @deprecated No-op in the provider. */
    readonly wait?: boolean;
}

/** Output form of getKubeconfig; the result is returned as a secret. */
export function getKubeconfigOutput(args: GetKubeconfigOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetKubeconfigResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.secret(pulumi.runtime.invokeOutput(TOKEN, wireArgs(args), opts)) as pulumi.Output<GetKubeconfigResult>;
}

/** A collection of arguments for invoking getKubeconfigOutput. */
export interface GetKubeconfigOutputArgs {
    clientConfiguration: pulumi.Input<inputs.cluster.GetKubeconfigClientConfigurationArgs>;
    endpoint?: pulumi.Input<string | undefined>;
    node: pulumi.Input<string>;
    timeouts?: pulumi.Input<inputs.cluster.GetKubeconfigTimeoutsArgs | undefined>;
    /** @deprecated No-op in the provider. */
    wait?: pulumi.Input<boolean | undefined>;
}

export type _SameArgs = Assert<Equal<Flags<GetKubeconfigArgs>, Flags<GetKubeconfigOutputArgs>>>;

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "function",
    token: TOKEN,
    inputs: fields<GetKubeconfigArgs>({ clientConfiguration: true, endpoint: false, node: true, timeouts: false, wait: false }),
    outputs: fields<GetKubeconfigResult>({
        clientConfiguration: true, endpoint: true, id: true, kubeconfigRaw: true, kubernetesClientConfiguration: true,
        node: true, timeouts: false, wait: false,
    }),
    secretInputs: [],
    secretOutputs: ["kubeconfigRaw", "kubernetesClientConfiguration"],
};
