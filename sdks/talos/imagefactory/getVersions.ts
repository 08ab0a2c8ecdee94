import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { Assert, Equal, fields, Flags, SchemaInfo } from "../schemaInfo";

const TOKEN = "talos:imageFactory/getVersions:getVersions";

/** Lists the Talos versions Image Factory knows about. */
export function getVersions(args?: GetVersionsArgs, opts?: pulumi.InvokeOptions): Promise<GetVersionsResult> {
    args = args || {};
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invoke(TOKEN, {
        "filters": args.filters,
    }, opts);
}

/** A collection of arguments for invoking getVersions. */
export interface GetVersionsArgs {
    filters?: inputs.imageFactory.GetVersionsFilters;
}

/** A collection of values returned by getVersions. */
export interface GetVersionsResult {
    readonly filters?: outputs.imageFactory.GetVersionsFilters;
    readonly id: string;
    readonly talosVersions: string[];
}

/** Output form of getVersions. */
export function getVersionsOutput(args?: GetVersionsOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetVersionsResult> {
    args = args || {};
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invokeOutput(TOKEN, {
        "filters": args.filters,
    }, opts);
}

/** A collection of arguments for invoking getVersionsOutput. */
export interface GetVersionsOutputArgs {
    filters?: pulumi.Input<inputs.imageFactory.GetVersionsFiltersArgs | undefined>;
}

export type _SameArgs = Assert<Equal<Flags<GetVersionsArgs>, Flags<GetVersionsOutputArgs>>>;

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "function",
    token: TOKEN,
    inputs: fields<GetVersionsArgs>({ filters: false }),
    outputs: fields<GetVersionsResult>({ filters: false, id: true, talosVersions: true }),
    secretInputs: [],
    secretOutputs: [],
};
