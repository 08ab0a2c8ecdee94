import type { ParsedConfig } from "../schema";
import type { ConfigIssue } from "../issues";

/** Findings of one rule. Errors stop the program; warnings are printed and the run goes on. */
export interface RuleResult {
    errors: ConfigIssue[];
    warnings: ConfigIssue[];
}

/** A cross-field rule: a pure function of the parsed config. */
export type Rule = (cfg: ParsedConfig) => ConfigIssue[];
