import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { Assert, Equal, fields, Flags, SchemaInfo } from "../schemaInfo";

const TOKEN = "talos:machine/getDisks:getDisks";

/** The invoke's arguments by their schema names, shared by the Promise and Output forms. */
function wireArgs(args: GetDisksArgs | GetDisksOutputArgs): pulumi.Inputs {
    return {
        "clientConfiguration": args.clientConfiguration,
        "endpoint": args.endpoint,
        "node": args.node,
        "selector": args.selector,
        "timeouts": args.timeouts,
    };
}

/** Lists the disks of a running Talos node, optionally filtered by a CEL `selector`. */
export function getDisks(args: GetDisksArgs, opts?: pulumi.InvokeOptions): Promise<GetDisksResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invoke(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getDisks. */
export interface GetDisksArgs {
    clientConfiguration: inputs.machine.GetDisksClientConfiguration;
    endpoint?: string;
    node: string;
    /** CEL expression, e.g. `disk.size > 100u * GB`. */
    selector?: string;
    timeouts?: inputs.machine.GetDisksTimeouts;
}

/** A collection of values returned by getDisks. */
export interface GetDisksResult {
    readonly clientConfiguration: outputs.machine.GetDisksClientConfiguration;
    readonly disks: outputs.machine.GetDisksDisk[];
    readonly endpoint: string;
    readonly id: string;
    readonly node: string;
    readonly selector?: string;
    readonly timeouts?: outputs.machine.GetDisksTimeouts;
}

/** Output form of getDisks. */
export function getDisksOutput(args: GetDisksOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetDisksResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invokeOutput(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getDisksOutput. */
export interface GetDisksOutputArgs {
    clientConfiguration: pulumi.Input<inputs.machine.GetDisksClientConfigurationArgs>;
    endpoint?: pulumi.Input<string | undefined>;
    node: pulumi.Input<string>;
    selector?: pulumi.Input<string | undefined>;
    timeouts?: pulumi.Input<inputs.machine.GetDisksTimeoutsArgs | undefined>;
}

export type _SameArgs = Assert<Equal<Flags<GetDisksArgs>, Flags<GetDisksOutputArgs>>>;

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "function",
    token: TOKEN,
    inputs: fields<GetDisksArgs>({ clientConfiguration: true, endpoint: false, node: true, selector: false, timeouts: false }),
    outputs: fields<GetDisksResult>({
        clientConfiguration: true, disks: true, endpoint: true, id: true, node: true, selector: false, timeouts: false,
    }),
    secretInputs: [],
    secretOutputs: [],
};
