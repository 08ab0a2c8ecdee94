/**
 * Shared zod building blocks for the stack-config schema. Value checks that only need the value
 * itself (a CIDR parses, a name is a DNS label) live here; checks that compare fields live in
 * `config/rules/`.
 */
import { z } from "zod";
import { isCanonicalCidr, parseCidr, parseIp, parseRange } from "../net";

/** RFC 1123 label: what Kubernetes accepts as a node or object name. */
export const dnsLabel = z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a lowercase RFC 1123 label (a-z, 0-9, '-')");

/** RFC 1123 subdomain (dots allowed), e.g. a hostname or DNS zone. */
export const dnsName = z
    .string()
    .regex(
        /^(\*\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/,
        "must be a lowercase DNS name",
    );

export const ipAddress = z.string().refine((v) => parseIp(v) !== undefined, "is not an IP address");

/** A CIDR in canonical form (`10.0.60.0/24`): a host address with a prefix is a common typo. */
export const cidr = z.string().superRefine((v, ctx) => {
    if (parseCidr(v) === undefined) {
        ctx.addIssue({ code: "custom", message: "is not a CIDR (expected e.g. 10.0.60.0/24)" });
    } else if (!isCanonicalCidr(v)) {
        ctx.addIssue({ code: "custom", message: `is not in canonical form (did you mean ${parseCidr(v)?.canonical}?)` });
    }
});

/** One address-pool entry: CIDR, single IP, or `start-end`. */
export const addressRange = z
    .string()
    .refine((v) => parseRange(v) !== undefined, "is not an address, CIDR or start-end range");

/** Kubernetes label map. */
export const labels = z.record(z.string().min(1), z.string());

/** `key=value:Effect` or `key:Effect`, as kubelet and k3s `node-taint` accept. */
export const taint = z
    .string()
    .regex(
        /^[A-Za-z0-9./_-]+(=[A-Za-z0-9._-]*)?:(NoSchedule|PreferNoSchedule|NoExecute)$/,
        "must look like key=value:NoSchedule|PreferNoSchedule|NoExecute",
    );

/** Semver-ish version with a leading v, e.g. a Talos release `v1.13.9` (k3s: see k3sVersion). */
export const vVersion = z.string().regex(/^v\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/, "must look like v1.13.9");

/**
 * A k3s release: the Kubernetes version plus the k3s build suffix, e.g. `v1.36.1+k3s1`. The
 * install script downloads `.../releases/download/<version>/k3s`, and every k3s release tag
 * carries the `+k3sN` suffix, so `v1.36.1` alone fails on the node, not here, without it.
 * https://github.com/k3s-io/k3s/releases, https://docs.k3s.io/installation/configuration
 */
export const k3sVersion = z
    .string()
    .regex(/^v\d+\.\d+\.\d+(-rc\d+)?\+k3s\d+$/, "must be a k3s release with its +k3sN suffix, e.g. v1.36.1+k3s1");

/** Kubernetes version without the leading v, e.g. `1.34.1`. */
export const kubeVersion = z.string().regex(/^\d+\.\d+\.\d+$/, "must look like 1.34.1 (no leading v)");

/** A Go duration such as `180s` or `5m`. */
export const duration = z.string().regex(/^(\d+(ns|us|µs|ms|s|m|h))+$/, "must be a duration like 180s or 5m");
