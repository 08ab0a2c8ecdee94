import * as pulumi from "@pulumi/pulumi";
import * as outputs from "../types/output";
import * as utilities from "../utilities";
import { Assert, Equal, fields, Flags, SchemaInfo } from "../schemaInfo";

const TOKEN = "talos:imageFactory/getUrls:getUrls";

/** The invoke's arguments by their schema names, shared by the Promise and Output forms. */
function wireArgs(args: GetUrlsArgs | GetUrlsOutputArgs): pulumi.Inputs {
    return {
        "architecture": args.architecture,
        "platform": args.platform,
        "sbc": args.sbc,
        "schematicId": args.schematicId,
        "talosVersion": args.talosVersion,
    };
}

/** Computes Image Factory URLs (installer image, ISO, disk image, PXE, ...) for a schematic. */
export function getUrls(args: GetUrlsArgs, opts?: pulumi.InvokeOptions): Promise<GetUrlsResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invoke(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getUrls. Set exactly one of `platform` / `sbc`. */
export interface GetUrlsArgs {
    /** "amd64" (default) or "arm64". */
    architecture?: string;
    /** e.g. "metal". */
    platform?: string;
    /** Single-board computer name. */
    sbc?: string;
    /** `imagefactory.Schematic.id`. */
    schematicId: string;
    /** e.g. "v1.13.9". */
    talosVersion: string;
}

/** A collection of values returned by getUrls. */
export interface GetUrlsResult {
    readonly architecture: string;
    readonly id: string;
    readonly platform?: string;
    readonly sbc?: string;
    readonly schematicId: string;
    readonly talosVersion: string;
    readonly urls: outputs.imageFactory.GetUrlsUrls;
}

/** Output form of getUrls. */
export function getUrlsOutput(args: GetUrlsOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetUrlsResult> {
    opts = utilities.withInvokeDefaults(opts);
    return pulumi.runtime.invokeOutput(TOKEN, wireArgs(args), opts);
}

/** A collection of arguments for invoking getUrlsOutput. */
export interface GetUrlsOutputArgs {
    architecture?: pulumi.Input<string | undefined>;
    platform?: pulumi.Input<string | undefined>;
    sbc?: pulumi.Input<string | undefined>;
    schematicId: pulumi.Input<string>;
    talosVersion: pulumi.Input<string>;
}

export type _SameArgs = Assert<Equal<Flags<GetUrlsArgs>, Flags<GetUrlsOutputArgs>>>;

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "function",
    token: TOKEN,
    inputs: fields<GetUrlsArgs>({ architecture: false, platform: false, sbc: false, schematicId: true, talosVersion: true }),
    outputs: fields<GetUrlsResult>({
        architecture: true, id: true, platform: false, sbc: false, schematicId: true, talosVersion: true, urls: true,
    }),
    secretInputs: [],
    secretOutputs: [],
};
