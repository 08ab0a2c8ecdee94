import * as pulumi from "@pulumi/pulumi";
import * as utilities from "../utilities";
import { fields, outputFields, SchemaInfo } from "../schemaInfo";

/**
 * Registers an Image Factory schematic (system extensions, kernel args, overlay).
 * The schematic ID is the resource's `id`.
 */
export class Schematic extends pulumi.CustomResource {
    /** Look up an existing Schematic resource's state by name and provider ID. */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: SchematicState, opts?: pulumi.CustomResourceOptions): Schematic {
        return new Schematic(name, state as any, { ...opts, id: id });
    }

    /** @internal */
    public static readonly __pulumiType = "talos:imageFactory/schematic:Schematic";

    /** True if `obj` is a Schematic (works across multiple copies of the SDK). */
    public static isInstance(obj: any): obj is Schematic {
        if (obj === undefined || obj === null) {
            return false;
        }
        return obj["__pulumiType"] === Schematic.__pulumiType;
    }

    /** The schematic YAML; undefined = vanilla image. */
    declare public readonly schematic: pulumi.Output<string | undefined>;

    constructor(name: string, args?: SchematicArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: SchematicArgs | SchematicState, opts?: pulumi.CustomResourceOptions) {
        const resourceInputs: pulumi.Inputs = {};
        opts = opts || {};
        if (opts.id) {
            const state = argsOrState as SchematicState | undefined;
            resourceInputs["schematic"] = state?.schematic;
        } else {
            const args = argsOrState as SchematicArgs | undefined;
            resourceInputs["schematic"] = args?.schematic;
        }
        opts = utilities.withResourceDefaults(opts);
        super(Schematic.__pulumiType, name, resourceInputs, opts);
    }
}

/** Input properties used for looking up and filtering Schematic resources. */
export interface SchematicState {
    schematic?: pulumi.Input<string | undefined>;
}

/** The set of arguments for constructing a Schematic resource. */
export interface SchematicArgs {
    /**
     * Schematic YAML, e.g. `customization: {systemExtensions: {officialExtensions: [siderolabs/iscsi-tools]}}`.
     */
    schematic?: pulumi.Input<string | undefined>;
}

/** @internal Checked against schema-subset.json by tests/sdk. */
export const __schemaInfo: SchemaInfo = {
    kind: "resource",
    token: Schematic.__pulumiType,
    inputs: fields<SchematicArgs>({ schematic: false }),
    outputs: outputFields<Schematic>({ schematic: false }),
    secretInputs: [],
    secretOutputs: [],
};
