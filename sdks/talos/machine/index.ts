import * as pulumi from "@pulumi/pulumi";
import * as utilities from "../utilities";
import { Bootstrap } from "./bootstrap";
import { ConfigurationApply } from "./configurationApply";
import { Secrets } from "./secrets";

export { Bootstrap, BootstrapArgs, BootstrapState } from "./bootstrap";
export { ConfigurationApply, ConfigurationApplyArgs, ConfigurationApplyState } from "./configurationApply";
export { getConfiguration, getConfigurationOutput, GetConfigurationArgs, GetConfigurationResult, GetConfigurationOutputArgs } from "./getConfiguration";
export { getDisks, getDisksOutput, GetDisksArgs, GetDisksResult, GetDisksOutputArgs } from "./getDisks";
export { Secrets, SecretsArgs, SecretsState } from "./secrets";

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
