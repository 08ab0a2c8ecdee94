import * as pulumi from "@pulumi/pulumi";

declare var exports: any;
const __config = new pulumi.Config("talos");

/** Stack config `talos:imageFactoryUrl` (default https://factory.talos.dev). */
export declare const imageFactoryUrl: string | undefined;
Object.defineProperty(exports, "imageFactoryUrl", {
    get() {
        return __config.get("imageFactoryUrl");
    },
    enumerable: true,
});
