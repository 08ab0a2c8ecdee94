import * as pulumi from "@pulumi/pulumi";
import * as utilities from "../utilities";
import { Kubeconfig } from "./kubeconfig";

export { getHealth, getHealthOutput } from "./getHealth";
export type { GetHealthArgs, GetHealthResult, GetHealthOutputArgs } from "./getHealth";
export { getKubeconfig, getKubeconfigOutput } from "./getKubeconfig";
export type { GetKubeconfigArgs, GetKubeconfigResult, GetKubeconfigOutputArgs } from "./getKubeconfig";
export { Kubeconfig } from "./kubeconfig";
export type { KubeconfigArgs, KubeconfigState } from "./kubeconfig";

const _module = {
    version: utilities.getVersion(),
    construct: (name: string, type: string, urn: string): pulumi.Resource => {
        switch (type) {
            case Kubeconfig.__pulumiType:
                return new Kubeconfig(name, undefined as any, { urn });
            default:
                throw new Error(`unknown resource type ${type}`);
        }
    },
};
pulumi.runtime.registerResourceModule("talos", "cluster/kubeconfig", _module);
