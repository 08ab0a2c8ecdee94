/** Builders for check results, so every check reads the same. */
import type { CheckResult } from "../types";

export const pass = (node: string, check: string, detail: string): CheckResult => ({ node, check, status: "pass", detail });
export const skip = (node: string, check: string, detail: string): CheckResult => ({ node, check, status: "skip", detail });
export const warn = (node: string, check: string, detail: string, fix: string): CheckResult => ({ node, check, status: "warn", detail, fix });
export const fail = (node: string, check: string, detail: string, fix: string): CheckResult => ({ node, check, status: "fail", detail, fix });
