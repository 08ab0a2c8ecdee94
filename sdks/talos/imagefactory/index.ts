import * as pulumi from "@pulumi/pulumi";
import * as utilities from "../utilities";
import { Schematic } from "./schematic";

export { getExtensionsVersions, getExtensionsVersionsOutput, GetExtensionsVersionsArgs, GetExtensionsVersionsResult, GetExtensionsVersionsOutputArgs } from "./getExtensionsVersions";
export { getOverlaysVersions, getOverlaysVersionsOutput, GetOverlaysVersionsArgs, GetOverlaysVersionsResult, GetOverlaysVersionsOutputArgs } from "./getOverlaysVersions";
export { getUrls, getUrlsOutput, GetUrlsArgs, GetUrlsResult, GetUrlsOutputArgs } from "./getUrls";
export { getVersions, getVersionsOutput, GetVersionsArgs, GetVersionsResult, GetVersionsOutputArgs } from "./getVersions";
export { Schematic, SchematicArgs, SchematicState } from "./schematic";

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
