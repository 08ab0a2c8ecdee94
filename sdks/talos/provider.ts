import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";
import { fields, outputFields, SchemaInfo } from "./schemaInfo";

/**
 * The provider type for the talos package. Resources use the default provider (configured
 * via stack config `talos:imageFactoryUrl`) unless an explicit Provider is passed as `provider`.
 */
export class Provider extends pulumi.ProviderResource {
    /** @internal */
    public static readonly __pulumiType = "talos";

    /** True if `obj` is a talos Provider (works across multiple copies of the SDK). */
    public static isInstance(obj: any): obj is Provider {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === "pulumi:providers:" + Provider.__pulumiType;
    }

    /** Image Factory URL (default https://factory.talos.dev). */
    declare public readonly imageFactoryUrl: pulumi.Output<string | undefined>;

    constructor(name: string, args?: ProviderArgs, opts?: pulumi.ResourceOptions) {
        const resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        {
            resourceInputs["imageFactoryUrl"] = args?.imageFactoryUrl;
        }
        opts = utilities.withResourceDefaults(opts);
        super(Provider.__pulumiType, name, resourceInputs, opts);
    }

    /** Terraform-namecased provider config (for the Terraform Module provider). */
    terraformConfig(): pulumi.Output<Provider.TerraformConfigResult> {
        return pulumi.runtime.call("pulumi:providers:talos/terraformConfig", {
            "__self__": this,
        }, this);
    }
}

/** The set of arguments for constructing a Provider resource. */
export interface ProviderArgs {
    /** Image Factory URL (default https://factory.talos.dev). */
    imageFactoryUrl?: pulumi.Input<string | undefined>;
}

export namespace Provider {
    /** The results of the Provider.terraformConfig method. */
    export interface TerraformConfigResult {
        readonly result: { [key: string]: any };
    }
}

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "provider",
    token: "pulumi:providers:" + Provider.__pulumiType,
    inputs: fields<ProviderArgs>({ imageFactoryUrl: false }),
    outputs: outputFields<Provider>({ imageFactoryUrl: false }),
    secretInputs: [],
    secretOutputs: [],
};
