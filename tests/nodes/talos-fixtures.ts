/** Shared fixtures of the Talos node-layer tests. */
import { noPrerequisites } from "../../stacks/types";
import { baseConfig, specFrom, type RawConfig } from "../harness";

/**
 * A two-node Talos stack that names its hardware by stable selectors (a MAC for the NIC, serial
 * and WWID for the install disks), with the patch context of its nodes. Shared by the identity
 * renderer tests and their check against the upstream Talos schema (tests/upstream).
 */
export function stableIdentityFixture() {
    const raw = baseConfig("talos") as RawConfig;
    raw.nodes = [
        { name: "cp1", role: "controlplane", ip: "10.0.0.11", mac: "00:1a:2b:3c:4d:5e", installDiskSelector: { serial: "S6EUNX0T123456", type: "nvme" } },
        { name: "w1", role: "worker", ip: "10.0.0.21", installDiskSelector: { wwid: "eui.0025385b71b0d1a4" } },
    ];
    const spec = specFrom(raw);
    const ctx = { talos: spec.cluster.talos!, network: spec.network, cni: spec.cni, prerequisites: noPrerequisites, etcdBackupNamespace: "kube-system" };
    return { spec, ctx };
}
