import { stringify } from "yaml";

/** Stable YAML for plan files: no line folding, so diffs between plans stay line-based. */
export function toYaml(value: unknown): string {
    return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
