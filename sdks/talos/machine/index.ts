import * as pulumi from "@pulumi/pulumi";
import * as utilities from "../utilities";
import { Bootstrap } from "./bootstrap";
import { ConfigurationApply } from "./configurationApply";
import { Secrets } from "./secrets";

export { Bootstrap } from "./bootstrap";
export type { BootstrapArgs, BootstrapState } from "./bootstrap";
export { ConfigurationApply } from "./configurationApply";
export type { ConfigurationApplyArgs, ConfigurationApplyState } from "./configurationApply";
export { getConfiguration, getConfigurationOutput } from "./getConfiguration";
export type { GetConfigurationArgs, GetConfigurationResult, GetConfigurationOutputArgs } from "./getConfiguration";
export { getDisks, getDisksOutput } from "./getDisks";
export type { GetDisksArgs, GetDisksResult, GetDisksOutputArgs } from "./getDisks";
export { Secrets } from "./secrets";
export type { SecretsArgs, SecretsState } from "./secrets";

const _module = {
    version: utilities.getVersion(),
    construct: (name: string, type: string, urn: string): pulumi.Resource => {
        switch (type) {
            case Bootstrap.__pulumiType:
                return new Bootstrap(name, undefined as any, { urn });
            case ConfigurationApply.__pulumiType:
                return new ConfigurationApply(name, undefined as any, { urn });
            case Secrets.__pulumiType:
                return new Secrets(name, undefined as any, { urn });
            default:
                throw new Error(`unknown resource type ${type}`);
        }
    },
};
pulumi.runtime.registerResourceModule("talos", "machine/bootstrap", _module);
pulumi.runtime.registerResourceModule("talos", "machine/configurationApply", _module);
pulumi.runtime.registerResourceModule("talos", "machine/secrets", _module);
