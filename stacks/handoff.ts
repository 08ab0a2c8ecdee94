/** `homelab:gitops.handoff`: which charts the GitOps repository owns after the first install. */
import type { ClusterSpec } from "../config/spec";
import type { HandoffName } from "../config/schema/gitops";

/** True when `name` is listed in gitops.handoff (validation guarantees the stack installs it). */
export function handedOff(spec: Pick<ClusterSpec, "gitops">, name: HandoffName): boolean {
    return spec.gitops?.handoff.includes(name) ?? false;
}
