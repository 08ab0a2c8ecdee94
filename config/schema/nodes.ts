/** Schema of `homelab:nodes`: one entry per machine. */
import { z } from "zod";
import { dnsLabel, ipAddress, k3sVersion, labels, taint } from "./common";
import { hostKey, nodeK3s } from "./k3s";

export const nodeSchema = z.strictObject({
    name: dnsLabel,
    role: z.enum(["controlplane", "worker"]),
    ip: ipAddress,
    /** Talos: disk to install to (overrides cluster.talos.installDisk). */
    installDisk: z.string().startsWith("/dev/").optional(),
    arch: z.enum(["amd64", "arm64"]).default("amd64"),
    labels: labels.default({}),
    taints: z.array(taint).default([]),
    /** Kept in config but skipped (e.g. broken hardware); reported as a warning. */
    offline: z.boolean().default(false),
    /** NIC name, when it differs from network.interface. */
    interface: z.string().min(1).optional(),
    /** k3s: SSH user override. */
    sshUser: z.string().min(1).optional(),
    /** k3s: pinned SSH host key (`ssh-ed25519 AAAA...` or an `ssh-keyscan` line), checked on connect. */
    hostKey: hostKey.optional(),
    /** k3s: version override for this node. */
    k3sVersion: k3sVersion.optional(),
    /** k3s: settings for this node only (merged last into its config.yaml). */
    k3s: nodeK3s.optional(),
    /** Free text shown in the plan diagram (e.g. "Intel NUC", "Raspberry Pi 4"). */
    hardware: z.string().optional(),
});

export const nodesSchema = z.array(nodeSchema).min(1, "must list at least one node");
