import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { Assert, Equal, fields, Flags, SchemaInfo } from "../schemaInfo";

const TOKEN = "talos:imageFactory/getExtensionsVersions:getExtensionsVersions";

/** The invoke's arguments by their schema names, shared by the Promise and Output forms. */
function wireArgs(args: GetExtensionsVersionsArgs | GetExtensionsVersionsOutputArgs): pulumi.Inputs {
    return {
        "exactFilters": args.exactFilters,
        "filters": args.filters,
        "talosVersion": args.talosVersion,
    };
}

/** Lists the official system extensions Image Factory offers for a Talos version. */
export function getExtensionsVersions(args: GetExtensionsVersionsArgs, opts?: pulumi.InvokeOptions): Promise<GetExtensionsVersionsResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invoke(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getExtensionsVersions. */
export interface GetExtensionsVersionsArgs {
    exactFilters?: inputs.imageFactory.GetExtensionsVersionsExactFilters;
    filters?: inputs.imageFactory.GetExtensionsVersionsFilters;
    talosVersion: string;
}

/** A collection of values returned by getExtensionsVersions. */
export interface GetExtensionsVersionsResult {
    readonly exactFilters?: outputs.imageFactory.GetExtensionsVersionsExactFilters;
    readonly extensionsInfos: outputs.imageFactory.GetExtensionsVersionsExtensionsInfo[];
    readonly filters?: outputs.imageFactory.GetExtensionsVersionsFilters;
    readonly id: string;
    readonly talosVersion: string;
}

/** Output form of getExtensionsVersions. */
export function getExtensionsVersionsOutput(args: GetExtensionsVersionsOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetExtensionsVersionsResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invokeOutput(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getExtensionsVersionsOutput. */
export interface GetExtensionsVersionsOutputArgs {
    exactFilters?: pulumi.Input<inputs.imageFactory.GetExtensionsVersionsExactFiltersArgs | undefined>;
    filters?: pulumi.Input<inputs.imageFactory.GetExtensionsVersionsFiltersArgs | undefined>;
    talosVersion: pulumi.Input<string>;
}

export type _SameArgs = Assert<Equal<Flags<GetExtensionsVersionsArgs>, Flags<GetExtensionsVersionsOutputArgs>>>;

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "function",
    token: TOKEN,
    inputs: fields<GetExtensionsVersionsArgs>({ exactFilters: false, filters: false, talosVersion: true }),
    outputs: fields<GetExtensionsVersionsResult>({
        exactFilters: false, extensionsInfos: true, filters: false, id: true, talosVersion: true,
    }),
    secretInputs: [],
    secretOutputs: [],
};
