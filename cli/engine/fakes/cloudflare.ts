/**
 * Fakes for the Cloudflare provider: the zone lookup and the tunnel token answer with marked
 * placeholders; in update mode a tunnel reports the outputs the API computes.
 */
import { placeholder, type FakeTable } from "./index";

export const cloudflareFakes: FakeTable = {
    outputs: {
        "cloudflare:index/zeroTrustTunnelCloudflared:ZeroTrustTunnelCloudflared": (inputs) => ({
            accountTag: inputs.accountId,
            status: "inactive",
            tunType: "cfd_tunnel",
            remoteConfig: inputs.configSrc === "cloudflare",
        }),
        "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig": () => ({ version: 1 }),
    },
    invokes: {
        "cloudflare:index/getZone:getZone": (args) => {
            const filter = (args.filter ?? {}) as { name?: string };
            const name = filter.name ?? String(args.zoneId ?? "zone");
            const id = placeholder(`zone-id:${name}`);
            return { id, zoneId: id, name, status: "active", nameServers: [] };
        },
        "cloudflare:index/getZeroTrustTunnelCloudflaredToken:getZeroTrustTunnelCloudflaredToken": (args) => ({
            accountId: args.accountId,
            tunnelId: args.tunnelId,
            token: placeholder(`tunnel-token:${String(args.tunnelId)}`),
        }),
    },
};
