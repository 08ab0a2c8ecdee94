/** Schema of `homelab:nodes`: one entry per machine. */
import { z } from "zod";
import { talosApplyMode } from "./cluster";
import { dnsLabel, ipAddress, k3sVersion, labels, taint } from "./common";
import { hostKey, nodeK3s } from "./k3s";

/**
 * Talos `machine.install.diskSelector` (v1alpha1 InstallDiskSelector): stable properties of the
 * install disk instead of a kernel name that can change between boots. All given fields must match.
 */
export const installDiskSelector = z
    .strictObject({
        serial: z.string().min(1).optional(),
        wwid: z.string().min(1).optional(),
        model: z.string().min(1).optional(),
        /** e.g. `<= 1TB`, `500GB` (Talos size matcher). */
        size: z.string().min(1).optional(),
        type: z.enum(["ssd", "hdd", "nvme", "sd"]).optional(),
        busPath: z.string().startsWith("/").optional(),
    })
    .refine((s) => Object.values(s).some((v) => v !== undefined), "must set at least one of serial, wwid, model, size, type, busPath");

export const nodeSchema = z.strictObject({
    name: dnsLabel,
    role: z.enum(["controlplane", "worker"]),
    ip: ipAddress,
    /** Talos: disk to install to (overrides cluster.talos.installDisk). */
    installDisk: z.string().startsWith("/dev/").optional(),
    /** Talos: install disk by stable properties (serial, WWID, model...); excludes installDisk. */
    installDiskSelector: installDiskSelector.optional(),
    /**
     * Talos: permanent MAC address of the NIC that carries the node address (and the VIP). The
     * node's link is then selected by `LinkAliasConfig` and addressed by its alias, not by a
     * kernel name. Lowercase, colon-separated.
     */
    mac: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, "must be a lowercase MAC address like 00:1a:2b:3c:4d:5e").optional(),
    /** Talos: apply mode for this node (overrides cluster.talos.applyMode). */
    talosApplyMode: talosApplyMode.optional(),
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
