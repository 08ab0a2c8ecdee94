import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { Assert, Equal, fields, Flags, SchemaInfo } from "../schemaInfo";

const TOKEN = "talos:imageFactory/getOverlaysVersions:getOverlaysVersions";

/** The invoke's arguments by their schema names, shared by the Promise and Output forms. */
function wireArgs(args: GetOverlaysVersionsArgs | GetOverlaysVersionsOutputArgs): pulumi.Inputs {
    return {
        "filters": args.filters,
        "talosVersion": args.talosVersion,
    };
}

/** Lists the overlays (SBC support) Image Factory offers for a Talos version. */
export function getOverlaysVersions(args: GetOverlaysVersionsArgs, opts?: pulumi.InvokeOptions): Promise<GetOverlaysVersionsResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invoke(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getOverlaysVersions. */
export interface GetOverlaysVersionsArgs {
    filters?: inputs.imageFactory.GetOverlaysVersionsFilters;
    talosVersion: string;
}

/** A collection of values returned by getOverlaysVersions. */
export interface GetOverlaysVersionsResult {
    readonly filters?: outputs.imageFactory.GetOverlaysVersionsFilters;
    readonly id: string;
    readonly overlaysInfos: outputs.imageFactory.GetOverlaysVersionsOverlaysInfo[];
    readonly talosVersion: string;
}

/** Output form of getOverlaysVersions. */
export function getOverlaysVersionsOutput(args: GetOverlaysVersionsOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetOverlaysVersionsResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invokeOutput(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getOverlaysVersionsOutput. */
export interface GetOverlaysVersionsOutputArgs {
    filters?: pulumi.Input<inputs.imageFactory.GetOverlaysVersionsFiltersArgs | undefined>;
    talosVersion: pulumi.Input<string>;
}

export type _SameArgs = Assert<Equal<Flags<GetOverlaysVersionsArgs>, Flags<GetOverlaysVersionsOutputArgs>>>;

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "function",
    token: TOKEN,
    inputs: fields<GetOverlaysVersionsArgs>({ filters: false, talosVersion: true }),
    outputs: fields<GetOverlaysVersionsResult>({ filters: false, id: true, overlaysInfos: true, talosVersion: true }),
    secretInputs: [],
    secretOutputs: [],
};
