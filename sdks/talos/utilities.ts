// Shared helpers for the local @pulumiverse/talos binding (see README.md).
import * as pulumi from "@pulumi/pulumi";

/** Provider plugin version this binding targets (must equal package.json "version"). */
export const PROVIDER_VERSION = "0.8.1";

/** Where the engine downloads `pulumi-resource-talos` from (schema `pluginDownloadURL`). */
export const PLUGIN_DOWNLOAD_URL = "github://api.github.com/pulumiverse";

export function getVersion(): string {
    return PROVIDER_VERSION;
}

/**
 * The exactly-two option defaults the generated SDK merges into every resource's and
 * every invoke's options (`utilities.resourceOptsDefaults()` there).
 */
export function resourceOptsDefaults(): { version: string; pluginDownloadURL: string } {
    return { version: PROVIDER_VERSION, pluginDownloadURL: PLUGIN_DOWNLOAD_URL };
}

/** `pulumi.mergeOptions(defaults, opts)` for resource options. */
export function withResourceDefaults<T extends pulumi.ResourceOptions>(opts: T | undefined): T {
    return pulumi.mergeOptions(resourceOptsDefaults(), opts ?? {}) as T;
}

/**
 * `pulumi.mergeOptions(defaults, opts)` for invoke options. mergeOptions is typed for
 * resource options only; it merges invoke options the same way (plain key merge), which
 * is what the generated SDK relies on too.
 */
export function withInvokeDefaults<T extends pulumi.InvokeOptions | pulumi.InvokeOutputOptions>(opts: T | undefined): T {
    return pulumi.mergeOptions(
        resourceOptsDefaults() as pulumi.ResourceOptions,
        (opts ?? {}) as pulumi.ResourceOptions,
    ) as T;
}

/** Adds `additionalSecretOutputs` on top of already-defaulted options. */
export function withSecretOutputs(opts: pulumi.CustomResourceOptions, names: string[]): pulumi.CustomResourceOptions {
    return pulumi.mergeOptions(opts, { additionalSecretOutputs: names });
}
