/**
 * Talos node checks, as pure functions over what the Talos API answers. The answers are COSI
 * resources as `talosctl get <type> -o json` prints them: one JSON object per resource,
 * `{ node, metadata: { namespace, type, id, ... }, spec }`, with the spec in the resource's YAML
 * field names:
 * - Disks.block.talos.dev: `dev_path`, `size`, `pretty_size`, `model`, `serial`, `wwid`,
 *   `bus_path`, `transport`, `rotational`, `readonly`, `cdrom`, `symlinks`
 *   (siderolabs/talos pkg/machinery/resources/block/disk.go; docs: disk-management/common.md);
 * - LinkStatuses.net.talos.dev: id = link name, spec `alias`, `altNames`, `type`, `kind`,
 *   `hardwareAddr`, `busPath`, `driver`, `linkState`, `operationalState`
 *   (pkg/machinery/resources/network/link_status.go);
 * - Infos.cluster.talos.dev: `clusterId`, `clusterName` (pkg/machinery/resources/cluster/info.go).
 */
import type { CheckResult, PreflightMode, TalosNodeTarget } from "../types";
import { fail, pass, skip, warn } from "./result";
import { describeDisks, describeDiskSelector, describeLinks, describeLinkSelector, matchDisks, matchLinks, type DiskInfo, type LinkInfo } from "./select";

export interface TalosResource {
    readonly node?: string;
    readonly metadata: { readonly namespace?: string; readonly type?: string; readonly id: string };
    readonly spec: Record<string, unknown>;
}

/** Splits talosctl's JSON output (concatenated, pretty-printed objects) into resources. */
export function parseResourceStream(text: string): TalosResource[] {
    const out: TalosResource[] = [];
    let depth = 0;
    let start = -1;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            if (c === "\\") i++;
            else if (c === '"') inString = false;
            continue;
        }
        if (c === '"') inString = true;
        else if (c === "{") {
            if (depth === 0) start = i;
            depth++;
        } else if (c === "}") {
            depth--;
            if (depth === 0 && start >= 0) out.push(JSON.parse(text.slice(start, i + 1)) as TalosResource);
        }
    }
    return out;
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

export function toDisks(resources: readonly TalosResource[]): DiskInfo[] {
    return resources.map((r) => {
        const s = r.spec;
        const opt = (k: string, v: unknown) => (v === undefined ? {} : { [k]: v });
        return {
            devPath: str(s["dev_path"]) ?? `/dev/${r.metadata.id}`,
            symlinks: Array.isArray(s["symlinks"]) ? (s["symlinks"] as string[]) : [],
            size: typeof s["size"] === "number" ? s["size"] : 0,
            ...opt("prettySize", str(s["pretty_size"])),
            ...opt("model", str(s["model"])),
            ...opt("serial", str(s["serial"])),
            ...opt("wwid", str(s["wwid"])),
            ...opt("busPath", str(s["bus_path"])),
            ...opt("transport", str(s["transport"])),
            rotational: s["rotational"] === true,
            readonly: s["readonly"] === true,
            cdrom: s["cdrom"] === true,
        };
    });
}

export function toLinks(resources: readonly TalosResource[]): LinkInfo[] {
    return resources.map((r) => {
        const s = r.spec;
        const aliases = [str(s["alias"]), ...(Array.isArray(s["altNames"]) ? (s["altNames"] as string[]) : [])].filter((x): x is string => !!x);
        const mac = str(s["hardwareAddr"]);
        const permanent = str(s["permanentAddr"]);
        const driver = str(s["driver"]);
        const busPath = str(s["busPath"]);
        return {
            name: r.metadata.id,
            aliases,
            ...(mac ? { hardwareAddr: mac } : {}),
            ...(permanent ? { permanentAddr: permanent } : {}),
            ...(driver ? { driver } : {}),
            ...(busPath ? { busPath } : {}),
            // Talos' own definition of a physical link: type ether and no kind (LinkStatusSpec.Physical).
            physical: s["type"] === "ether" && !str(s["kind"]),
        };
    });
}

/** How the node answered an insecure (no client certificate) Talos API call. */
export type TalosAccess = { readonly kind: "maintenance" } | { readonly kind: "configured"; readonly error: string } | { readonly kind: "error"; readonly error: string };

/**
 * In maintenance mode apid answers without client certificates (talosctl --insecure); a
 * configured node demands them (mTLS), so the TLS handshake fails with "certificate required".
 */
export function classifyInsecureError(message: string): TalosAccess {
    if (/certificate required|bad certificate|unknown certificate authority|authentication handshake failed/i.test(message)) {
        return { kind: "configured", error: message };
    }
    return { kind: "error", error: message };
}

/** Maintenance mode vs a configured node (member of some cluster), against the run's mode. */
export function talosMode(t: TalosNodeTarget, access: TalosAccess, mode: PreflightMode, info?: { clusterName?: string; clusterId?: string }): CheckResult {
    const id = "talos.mode";
    const which = info?.clusterName ? ` of cluster ${info.clusterName}${info.clusterId ? ` (id ${info.clusterId})` : ""}` : "";
    if (access.kind === "error") {
        return fail(t.name, id, `Talos API did not answer: ${firstLine(access.error)}`, `check the node boots Talos and answers on ${t.ip}:50000 (its console shows the address)`);
    }
    if (access.kind === "maintenance") {
        if (mode === "fresh") return pass(t.name, id, "maintenance mode (no machine config yet)");
        return warn(t.name, id, `maintenance mode although the run expects a configured node (${mode})`, "the node lost its config (reset or reinstalled): it will be configured fresh and join");
    }
    if (mode === "fresh") {
        return fail(
            t.name,
            id,
            `node already runs Talos with a machine config${which} (the API demands client certificates): refusing the fresh path (apply + bootstrap)`,
            "to take this cluster over set homelab:cluster.adopt: true and cluster.talos.importSecrets (docs/disaster-recovery.md); " +
                `to start over wipe it with its old talosconfig: talosctl reset --graceful=false --reboot -n ${t.ip}`,
        );
    }
    return pass(t.name, id, `configured${which || " (cluster not identified: pass --talosconfig to name it)"} (${mode})`);
}

/** When a talosconfig let us read Infos.cluster.talos.dev: is it the cluster we adopt? */
export function talosClusterName(t: TalosNodeTarget, expected: string, info: { clusterName?: string } | undefined): CheckResult | undefined {
    if (!info?.clusterName) return undefined;
    if (info.clusterName === expected) return pass(t.name, "talos.cluster", `member of cluster ${expected}`);
    return fail(t.name, "talos.cluster", `member of cluster ${info.clusterName}, the stack is ${expected}`, "check the node address; a node of another cluster must be reset before it joins this one");
}

export function installDisk(t: TalosNodeTarget, disks: readonly DiskInfo[]): CheckResult {
    const id = "talos.install-disk";
    const want = describeDiskSelector(t.disk);
    const found = matchDisks(disks, t.disk);
    const fix = `set ${t.configPath}.installDisk (or cluster.talos.installDisk) to one of: ${describeDisks(disks)}`;
    if (found.length === 0) return fail(t.name, id, `no disk ${want}`, fix);
    if (found.length > 1) return fail(t.name, id, `${want} matches ${found.length} disks`, `narrow the selector: ${describeDisks(found)}`);
    const d = found[0];
    const claimed = t.reservedDisks.filter((r) => r === d.devPath || d.symlinks.includes(r) || `/dev/${r}` === d.devPath);
    if (claimed.length > 0) {
        return fail(t.name, id, `${want} is also a Rook-Ceph OSD device (${claimed.join(", ")}) of this node: the install would wipe it`, fix);
    }
    if (d.readonly || d.cdrom) return fail(t.name, id, `${want} is ${d.cdrom ? "a CD-ROM" : "read-only"}`, fix);
    return pass(t.name, id, `${d.devPath} (${[d.prettySize, d.model, d.serial && `serial ${d.serial}`].filter(Boolean).join(", ")})`);
}

export function talosLink(t: TalosNodeTarget, links: readonly LinkInfo[]): CheckResult {
    const id = "node.interface";
    const want = describeLinkSelector(t.link);
    const found = matchLinks(links, t.link);
    if (found.length === 1) return pass(t.name, id, `${want} present${found[0].hardwareAddr ? ` (${found[0].hardwareAddr})` : ""}`);
    if (found.length > 1) return fail(t.name, id, `${want} matches ${found.length} links`, `narrow the selector in ${t.configPath}: ${describeLinks(found)}`);
    return fail(t.name, id, `no link ${want}; Talos reports: ${describeLinks(links)}`, `set ${t.configPath}.interface (or homelab:network.interface) to the NIC that carries ${t.ip}`);
}

export function talosctlMissing(t: TalosNodeTarget): CheckResult {
    return skip(t.name, "talos.talosctl", "skipped: talosctl not installed (disks, links and mode need it; https://www.talos.dev/latest/talos-guides/install/talosctl/)");
}

function firstLine(s: string): string {
    return s.trim().split("\n").filter(Boolean).slice(-1)[0] ?? s;
}
