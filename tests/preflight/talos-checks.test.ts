/**
 * Talos checks against recorded Talos API answers (fixtures/talos, written from the Talos
 * resource types), first as pure functions, then through the talosctl transport with a
 * recorded-answer stand-in for talosctl and a loopback listener standing in for apid's port.
 */
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { classifyInsecureError, installDisk, parseResourceStream, talosClusterName, talosLink, talosMode, toDisks, toLinks } from "../../preflight/checks/talos";
import { sizeMatches } from "../../preflight/checks/select";
import { checkTalosNode } from "../../preflight/node";
import { nodeTargets } from "../../preflight/targets";
import type { TalosNodeTarget } from "../../preflight/types";
import { baseConfig, specFrom } from "../harness";

const FIX = path.join(__dirname, "fixtures", "talos");
const read = (f: string) => fs.readFileSync(path.join(FIX, f), "utf8");
const disks = toDisks(parseResourceStream(read("disks.json")));
const links = toLinks(parseResourceStream(read("links.json")));

function target(over: Partial<TalosNodeTarget> = {}): TalosNodeTarget {
    return { distribution: "talos", name: "nuc1", role: "controlplane", ip: "127.0.0.1", configPath: "homelab:nodes[0]", link: { name: "enp86s0" }, bootstrap: true, disk: { path: "/dev/nvme0n1" }, reservedDisks: [], ...over };
}

describe("Talos resource answers", () => {
    it("parse into disks and links", () => {
        expect(disks.map((d) => d.devPath)).toEqual(["/dev/loop0", "/dev/nvme0n1", "/dev/sda"]);
        expect(disks[1]).toMatchObject({ serial: "S64DNF0R123456A", transport: "nvme", prettySize: "500 GB" });
        expect(links.map((l) => [l.name, l.physical])).toEqual([
            ["lo", false],
            ["enp86s0", true],
            ["bond0", false],
        ]);
        expect(links[1]).toMatchObject({ hardwareAddr: "1c:69:7a:0a:0b:0c", driver: "igc", aliases: ["enx1c697a0a0b0c"] });
    });
});

describe("install disk", () => {
    it("passes the NVMe by path or by-id symlink", () => {
        expect(installDisk(target(), disks).status).toBe("pass");
        expect(installDisk(target({ disk: { path: "/dev/disk/by-id/nvme-Samsung_SSD_980_500GB_S64DNF0R123456A" } }), disks).status).toBe("pass");
    });
    it("fails on a missing disk and lists the real ones (no loop devices)", () => {
        const r = installDisk(target({ disk: { path: "/dev/sdb" } }), disks);
        expect(r.status).toBe("fail");
        expect(r.fix).toContain("/dev/nvme0n1 (500 GB, Samsung SSD 980 500GB, serial S64DNF0R123456A)");
        expect(r.fix).not.toContain("loop0");
    });
    it("fails when the install disk is the node's Ceph OSD disk", () => {
        const r = installDisk(target({ disk: { path: "/dev/sda" }, reservedDisks: ["sda"] }), disks);
        expect(r.status).toBe("fail");
        expect(r.detail).toContain("Rook-Ceph OSD");
    });
    it("takes selector fields when the node spec has them (every field must match)", () => {
        expect(installDisk(target({ disk: { serial: "S64DNF0R123456A" } }), disks).detail).toContain("/dev/nvme0n1");
        expect(installDisk(target({ disk: { type: "ssd", model: "CT2000MX500SSD1" } }), disks).detail).toContain("/dev/sda");
        expect(installDisk(target({ disk: { path: "/dev/nvme0n1", serial: "other" } }), disks).status).toBe("fail");
        expect(installDisk(target({ disk: { busPath: undefined, type: "ssd" } }), [...disks, { ...disks[2], devPath: "/dev/sdb", symlinks: [] }]).status).toBe("fail");
    });
});

describe("links", () => {
    it("finds the NIC by name or altname, and by MAC selector", () => {
        expect(talosLink(target(), links).status).toBe("pass");
        expect(talosLink(target({ link: { name: "enx1c697a0a0b0c" } }), links).status).toBe("pass");
        expect(talosLink(target({ link: { hardwareAddr: "1c:69:7a:0a:0b:0c" } }), links).status).toBe("pass");
    });
    it("fails on eno1 and names the physical links Talos reports", () => {
        const r = talosLink(target({ link: { name: "eno1" } }), links);
        expect(r.status).toBe("fail");
        expect(r.detail).toContain("enp86s0 (1c:69:7a:0a:0b:0c)");
        expect(r.detail).not.toContain("bond0");
    });
});

describe("mode", () => {
    const configured = classifyInsecureError(read("configured-error.txt"));
    it("recognises a configured node from the TLS error", () => {
        expect(configured.kind).toBe("configured");
        expect(classifyInsecureError("rpc error: code = Unavailable desc = connection refused").kind).toBe("error");
    });
    it("maintenance mode passes a fresh run", () => {
        expect(talosMode(target(), { kind: "maintenance" }, "fresh").status).toBe("pass");
    });
    it("a configured node refuses the fresh path, naming its cluster when known", () => {
        const info = parseResourceStream(read("info.json"))[0].spec as { clusterName: string };
        const r = talosMode(target(), configured, "fresh", info);
        expect(r.status).toBe("fail");
        expect(r.detail).toContain("of cluster homelab");
        expect(r.fix).toContain("importSecrets");
        expect(talosMode(target(), configured, "adopt", info).status).toBe("pass");
    });
    it("compares the node's cluster with the stack's", () => {
        const info = { clusterName: "other" };
        expect(talosClusterName(target(), "homelab", info)?.status).toBe("fail");
        expect(talosClusterName(target(), "other", info)?.status).toBe("pass");
    });
});

describe("talosctl transport (recorded answers, loopback only)", () => {
    let dir: string;
    let server: net.Server;
    let port: number;
    beforeAll(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pf-talos-"));
        server = net.createServer((s) => s.destroy());
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
        port = (server.address() as net.AddressInfo).port;
    });
    afterAll(async () => {
        await new Promise((r) => server.close(r));
        fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A talosctl stand-in: logs its argv, answers from the fixtures or fails like a configured node. */
    function fakeTalosctl(configured: boolean): string {
        const bin = path.join(dir, configured ? "talosctl-configured" : "talosctl-maintenance");
        const answer = configured
            ? `echo '${read("configured-error.txt").trim()}' >&2; exit 1`
            : `case "$2" in disks) cat '${FIX}/disks.json';; links) cat '${FIX}/links.json';; *) exit 3;; esac`;
        fs.writeFileSync(bin, `#!/bin/sh\necho "$*" >> '${dir}/argv'\n${answer}\n`, { mode: 0o755 });
        return bin;
    }
    const opts = (bin: string) => ({ mode: "fresh" as const, clusterName: "homelab", talosctl: bin, talosApiPort: port, timeouts: { sshMs: 2000, tcpMs: 1000, talosMs: 5000 } });

    it("checks mode, disk and NIC of a maintenance-mode node with read-only insecure gets", async () => {
        const r = await checkTalosNode(target(), opts(fakeTalosctl(false)));
        expect(r.results.map((x) => [x.check, x.status])).toEqual([
            ["talos.api", "pass"],
            ["talos.mode", "pass"],
            ["talos.install-disk", "pass"],
            ["node.interface", "pass"],
        ]);
        const argv = fs.readFileSync(path.join(dir, "argv"), "utf8").trim().split("\n");
        expect(argv).toEqual([
            "get disks --insecure --nodes 127.0.0.1 --endpoints 127.0.0.1 --output json",
            "get links --insecure --nodes 127.0.0.1 --endpoints 127.0.0.1 --output json",
        ]);
    });
    it("refuses a configured node on a fresh run and checks nothing else", async () => {
        const r = await checkTalosNode(target(), opts(fakeTalosctl(true)));
        expect(r.results.map((x) => [x.check, x.status])).toEqual([
            ["talos.api", "pass"],
            ["talos.mode", "fail"],
        ]);
    });
    it("reports talosctl missing as skipped", async () => {
        const r = await checkTalosNode(target(), opts(path.join(dir, "no-such-talosctl")));
        expect(r.results[1]).toMatchObject({ check: "talos.talosctl", status: "skip", detail: expect.stringContaining("talosctl not installed") });
    });
});

describe("selectors from the Talos node config (mac, installDiskSelector)", () => {
    it("size matcher: operators and units", () => {
        expect(sizeMatches(500107862016, ">= 400GB")).toBe(true);
        expect(sizeMatches(500107862016, "<= 1TB")).toBe(true);
        expect(sizeMatches(2000398934016, "<= 1TB")).toBe(false);
        expect(sizeMatches(2 ** 30, "1GiB")).toBe(true);
        expect(sizeMatches(1, "lots")).toBe(false);
    });
    it("a disk selector picks the NVMe by size and type; the link by its permanent MAC", () => {
        expect(installDisk(target({ disk: { size: "<= 1TB", type: "nvme" } }), disks).detail).toContain("/dev/nvme0n1");
        expect(talosLink(target({ link: { hardwareAddr: "1c:69:7a:0a:0b:0c" } }), links).status).toBe("pass");
    });
    it("targets read mac / installDiskSelector from the node spec when present", () => {
        const spec = specFrom(baseConfig("talos"));
        const nodes = [{ ...spec.nodes[0], mac: "1c:69:7a:0a:0b:0c", installDiskSelector: { serial: "S64DNF0R123456A" } }, spec.nodes[1]];
        const [cp1, w1] = nodeTargets({ ...spec, nodes: nodes as typeof spec.nodes });
        expect(cp1).toMatchObject({ link: { hardwareAddr: "1c:69:7a:0a:0b:0c" }, disk: { serial: "S64DNF0R123456A" } });
        expect(cp1.link.name).toBeUndefined();
        expect(w1).toMatchObject({ link: { name: "eth0" }, disk: { path: "/dev/sda" } });
    });
});
