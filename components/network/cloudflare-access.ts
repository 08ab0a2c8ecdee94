/**
 * Cloudflare Access in front of admin hostnames of the tunnel: one self-hosted Access
 * application per hostname, whose only policy allows the listed emails / email domains. Requests
 * for those names then reach the tunnel only after an Access login.
 * https://developers.cloudflare.com/cloudflare-one/applications/configure-apps/self-hosted-public-app/
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { nameSlug, type CloudflareSpec } from "./cloudflare-manifests";

/** `homelab:cloudflare.tunnel.access`. */
export type AccessSpec = NonNullable<CloudflareSpec["tunnel"]["access"]>;

/**
 * Arguments of one `ZeroTrustAccessApplication` (@pulumi/cloudflare 6.x): a self-hosted app for
 * `hostname` with an inline allow policy. Pure, so the policy can be read in tests and previews.
 */
export function accessApplicationArgs(accountId: string, hostname: string, a: AccessSpec): cloudflare.ZeroTrustAccessApplicationArgs {
    return {
        accountId,
        name: `${hostname} (homelab admin)`,
        type: "self_hosted",
        domain: hostname,
        destinations: [{ type: "public", uri: hostname }],
        sessionDuration: a.sessionDuration,
        policies: [
            {
                name: "homelab admins",
                decision: "allow",
                precedence: 1,
                includes: [...a.emails.map((email) => ({ email: { email } })), ...a.emailDomains.map((domain) => ({ emailDomain: { domain } }))],
            },
        ],
    };
}

/** Inputs of {@link CloudflareAccess}. */
export interface CloudflareAccessArgs {
    /** Cloudflare account the applications belong to. */
    readonly accountId: string;
    /** `homelab:cloudflare.tunnel.access`. */
    readonly access: AccessSpec;
}

/** `homelab:network:CloudflareAccess` */
export class CloudflareAccess extends pulumi.ComponentResource {
    /** Hostnames behind Access, in config order. */
    public readonly hostnames: string[];

    constructor(name: string, args: CloudflareAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:network:CloudflareAccess", name, {}, opts);
        this.hostnames = [...args.access.hostnames];
        for (const host of this.hostnames) {
            new cloudflare.ZeroTrustAccessApplication(`${name}-${nameSlug(host)}`, accessApplicationArgs(args.accountId, host, args.access), { parent: this });
        }
        this.registerOutputs({ hostnames: this.hostnames });
    }
}
