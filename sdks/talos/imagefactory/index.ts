import * as pulumi from "@pulumi/pulumi";
import * as utilities from "../utilities";
import { Schematic } from "./schematic";

export { getExtensionsVersions, getExtensionsVersionsOutput } from "./getExtensionsVersions";
export type { GetExtensionsVersionsArgs, GetExtensionsVersionsResult, GetExtensionsVersionsOutputArgs } from "./getExtensionsVersions";
export { getOverlaysVersions, getOverlaysVersionsOutput } from "./getOverlaysVersions";
export type { GetOverlaysVersionsArgs, GetOverlaysVersionsResult, GetOverlaysVersionsOutputArgs } from "./getOverlaysVersions";
export { getUrls, getUrlsOutput } from "./getUrls";
export type { GetUrlsArgs, GetUrlsResult, GetUrlsOutputArgs } from "./getUrls";
export { getVersions, getVersionsOutput } from "./getVersions";
export type { GetVersionsArgs, GetVersionsResult, GetVersionsOutputArgs } from "./getVersions";
export { Schematic } from "./schematic";
export type { SchematicArgs, SchematicState } from "./schematic";

const _module = {
    version: utilities.getVersion(),
    construct: (name: string, type: string, urn: string): pulumi.Resource => {
        switch (type) {
            case Schematic.__pulumiType:
                return new Schematic(name, undefined as any, { urn });
            default:
                throw new Error(`unknown resource type ${type}`);
        }
    },
};
pulumi.runtime.registerResourceModule("talos", "imageFactory/schematic", _module);
