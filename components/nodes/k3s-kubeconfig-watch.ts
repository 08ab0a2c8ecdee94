/**
 * When the stored kubeconfig must be read again. A `command:remote:Command` runs only when its
 * inputs change, so its triggers name what makes the kubeconfig on the bootstrap server change:
 * the bootstrap server itself, its k3s version (script installs), the file path, and
 * `cluster.k3s.kubeconfigRefresh`, a string the operator bumps. k3s renews its client
 * certificates (one year) on a restart within 90 days of expiry and rewrites the file (k3s docs
 * advanced.md "Certificate rotation"); NixOS restarts k3s on its own schedule, which this program
 * cannot observe without contacting the host on every run. What it can observe is the stored
 * kubeconfig: on every `up` it reads the client certificate's expiry and warns 30 days ahead,
 * naming the key to bump.
 */
import { X509Certificate } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import type { K3sSpec } from "./k3s-config";
import type { NodeSpec } from "../../config/spec";
import { k3sVersionFor } from "./k3s-topology";

/** Warn this many days before the kubeconfig's client certificate expires. */
export const KUBECONFIG_WARN_DAYS = 30;

export function kubeconfigReadTriggers(spec: K3sSpec, bootstrap: NodeSpec): string[] {
    const k3s = spec.cluster.k3s;
    const refresh = k3s?.kubeconfigRefresh ? [k3s.kubeconfigRefresh] : [];
    if (k3s?.install === "preinstalled") return [bootstrap.name, k3s.kubeconfigPath, ...refresh];
    return [k3sVersionFor(spec, bootstrap), bootstrap.name, ...refresh];
}

/** notAfter of the first user's client certificate, or undefined when there is none to parse. */
export function kubeconfigClientCertExpiry(kubeconfig: string): Date | undefined {
    try {
        const doc = parse(kubeconfig) as { users?: Array<{ user?: Record<string, unknown> }> };
        const data = doc.users?.[0]?.user?.["client-certificate-data"];
        if (typeof data !== "string") return undefined;
        return new Date(new X509Certificate(Buffer.from(data, "base64").toString("utf8")).validTo);
    } catch {
        return undefined;
    }
}

/** The warning text when `expiry` is within KUBECONFIG_WARN_DAYS of `now`, else undefined. */
export function kubeconfigExpiryWarning(expiry: Date | undefined, now: Date): string | undefined {
    if (!expiry) return undefined;
    const days = Math.floor((expiry.getTime() - now.getTime()) / 86_400_000);
    if (days > KUBECONFIG_WARN_DAYS) return undefined;
    const when = days < 0 ? `expired ${-days} days ago` : `expires in ${days} days`;
    return `the stored k3s kubeconfig's client certificate ${when}: once k3s has renewed it (a restart of k3s on the bootstrap server), set cluster.k3s.kubeconfigRefresh to a new value and run pulumi up to read it again`;
}

/** Logs the expiry warning outside preview (only there is the stored kubeconfig real); returns the text unchanged. */
export function warnOnKubeconfigExpiry(kubeconfig: string, resource: pulumi.Resource): string {
    if (!pulumi.runtime.isDryRun()) {
        const warning = kubeconfigExpiryWarning(kubeconfigClientCertExpiry(kubeconfig), new Date());
        if (warning) void pulumi.log.warn(warning, resource);
    }
    return kubeconfig;
}
