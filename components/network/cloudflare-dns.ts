/**
 * Plain DNS records of `homelab:cloudflare.dnsRecords`, and the zone lookup shared with the tunnel.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { nameSlug, recordFqdn, type CloudflareSpec } from "./cloudflare-manifests";

/** Zone id of `zone`, looked up by name (within the account when one is given). */
export function lookupZoneId(zone: string, accountId: string | undefined, opts?: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    return cloudflare.getZoneOutput({ filter: { name: zone, ...(accountId ? { account: { id: accountId } } : {}) } }, opts).zoneId;
}

export interface CloudflareDnsArgs {
    readonly zone: string;
    readonly zoneId: pulumi.Input<string>;
    readonly records: CloudflareSpec["dnsRecords"];
}

export class CloudflareDns extends pulumi.ComponentResource {
    /** Fully qualified names of the records created. */
    public readonly names: string[];

    constructor(name: string, args: CloudflareDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:network:CloudflareDns", name, {}, opts);
        this.names = [];
        const seen = new Map<string, number>();
        for (const r of args.records) {
            const fqdn = recordFqdn(r.name, args.zone);
            this.names.push(fqdn);
            // Several records may share name and type (TXT, MX): number the later ones.
            const base = `${name}-${r.type.toLowerCase()}-${nameSlug(fqdn)}`;
            const n = seen.get(base) ?? 0;
            seen.set(base, n + 1);
            new cloudflare.DnsRecord(
                n === 0 ? base : `${base}-${n + 1}`,
                {
                    zoneId: args.zoneId,
                    name: fqdn,
                    type: r.type,
                    content: r.content,
                    // Only A/AAAA/CNAME can be proxied.
                    proxied: ["A", "AAAA", "CNAME"].includes(r.type) ? r.proxied : false,
                    // A proxied record's TTL is always automatic (1).
                    ttl: r.proxied ? 1 : r.ttl,
                    ...(r.priority !== undefined ? { priority: r.priority } : {}),
                    ...(r.comment ? { comment: r.comment } : {}),
                },
                { parent: this },
            );
        }
        this.registerOutputs({ names: this.names });
    }
}
