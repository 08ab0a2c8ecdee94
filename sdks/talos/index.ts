// Local binding of the pulumiverse Talos provider v0.8.1 with the same public API as the
// published @pulumiverse/talos@0.8.1 (see README.md). Resources and invokes talk to the
// real `pulumi-resource-talos` plugin; this package only describes them.
import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";
import { Provider } from "./provider";

export { Provider } from "./provider";
export type { ProviderArgs } from "./provider";

import * as client from "./client";
import * as cluster from "./cluster";
import * as config from "./config";
import * as imagefactory from "./imagefactory";
import * as machine from "./machine";
import * as types from "./types";

/**
 * @deprecated Local-only alias of `imagefactory` (the published SDK's module name is all
 * lower-case). Code using it will not compile against the published package.
 */
const imageFactory = imagefactory;

export { client, cluster, config, imagefactory, imageFactory, machine, types };

pulumi.runtime.registerResourcePackage("talos", {
    version: utilities.getVersion(),
    constructProvider: (name: string, type: string, urn: string): pulumi.ProviderResource => {
        if (type !== "pulumi:providers:talos") {
            throw new Error(`unknown provider type ${type}`);
        }
        return new Provider(name, undefined, { urn });
    },
});
