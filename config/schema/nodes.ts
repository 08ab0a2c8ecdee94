/** Schema of `homelab:nodes`: one entry per machine. */
import { z } from "zod";
import { dnsLabel, ipAddress, k3sVersion, labels, taint } from "./common";

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
    /** k3s: pinned SSH host key (`ssh-ed25519 AAAA...`), checked on connect. */
    hostKey: z.string().regex(/^(ssh-(ed25519|rsa)|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]+/, "must be an OpenSSH public host key").optional(),
    /** k3s: version override for this node. */
    k3sVersion: k3sVersion.optional(),
    /** Free text shown in the plan diagram (e.g. "Intel NUC", "Raspberry Pi 4"). */
    hardware: z.string().optional(),
});

export const nodesSchema = z.array(nodeSchema).min(1, "must list at least one node");
