/**
 * A component's `dependsOn` orders the component itself, not the resources inside it: the engine
 * does not pass it down to children (pulumi/pulumi#11981 discusses the gap). Components whose
 * children must wait for another layer (a chart that needs the CNI) hand the list down with this.
 */
import * as pulumi from "@pulumi/pulumi";

/** The component's explicit dependencies as a plain list, plus `more`. */
export function inheritedDependsOn(opts: pulumi.ComponentResourceOptions | undefined, ...more: pulumi.Resource[]): pulumi.Resource[] {
    const d = opts?.dependsOn;
    if (d === undefined) return [...more];
    if (pulumi.Output.isInstance(d) || d instanceof Promise) {
        throw new Error("inheritedDependsOn: pass dependsOn as a plain list of resources");
    }
    return [...((Array.isArray(d) ? d : [d]) as pulumi.Resource[]), ...more];
}
