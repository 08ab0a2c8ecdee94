/** k3s host checks over recorded probe answers (tests/preflight/probes.ts). */
import { dpkgLock, longhornHost, memoryCgroup, nic, timeSync } from "../../preflight/checks/host";
import { ciliumReady, existingInstall, k3sInstall } from "../../preflight/checks/k3s-install";
import { parseProbe } from "../../preflight/checks/probe";
import { parseIpLink } from "../../preflight/checks/select";
import { debianFresh, k3sTarget, nixosFlannel, NOW, piWithK3s, probeOutput } from "./probes";

const probe = (s: Record<string, string>) => parseProbe(probeOutput(s));

describe("probe parsing", () => {
    it("splits sections and refuses an answer cut short", () => {
        expect(probe(debianFresh)["pkg"]).toBe("apt-get");
        expect(() => parseProbe("\n@@now\n1\n@@os\nID=debian\n")).toThrow(/cut short/);
    });
    it("reads ip -o link names, MACs and altnames", () => {
        const links = parseIpLink(debianFresh.links);
        expect(links.map((l) => l.name)).toEqual(["lo", "eth0"]);
        expect(links[1]).toMatchObject({ hardwareAddr: "bc:24:11:aa:bb:01", aliases: ["enp6s18"], physical: true });
        expect(links[0].physical).toBe(false);
    });
});

describe("memory cgroup", () => {
    it("passes with the cgroup v2 memory controller", () => {
        expect(memoryCgroup(k3sTarget(), probe(debianFresh)).status).toBe("pass");
    });
    it("fails on a Raspberry Pi with memory disabled and names the cmdline.txt fix", () => {
        const r = memoryCgroup(k3sTarget(), probe(piWithK3s));
        expect(r.status).toBe("fail");
        expect(r.fix).toContain("cgroup_memory=1 cgroup_enable=memory");
        expect(r.fix).toContain("/boot/firmware/cmdline.txt");
    });
    it("fails on cgroup v2 without memory", () => {
        expect(memoryCgroup(k3sTarget(), probe({ ...debianFresh, cgroup2: "cpuset cpu io pids" })).status).toBe("fail");
    });
});

describe("NIC", () => {
    it("finds the configured NIC by name or altname", () => {
        expect(nic(k3sTarget(), probe(debianFresh)).status).toBe("pass");
        expect(nic(k3sTarget({ link: { name: "enp6s18" } }), probe(debianFresh)).status).toBe("pass");
    });
    it("fails on a missing NIC and lists the physical ones with their MACs", () => {
        const r = nic(k3sTarget({ link: { name: "eno1" } }), probe(debianFresh));
        expect(r.status).toBe("fail");
        expect(r.detail).toContain("eth0 (bc:24:11:aa:bb:01)");
        expect(r.fix).toContain("homelab:nodes[0].interface");
    });
    it("narrows by MAC when a selector carries one", () => {
        expect(nic(k3sTarget({ link: { name: "eth0", hardwareAddr: "BC:24:11:AA:BB:01" } }), probe(debianFresh)).status).toBe("pass");
        expect(nic(k3sTarget({ link: { name: "eth0", hardwareAddr: "00:00:00:00:00:01" } }), probe(debianFresh)).status).toBe("fail");
    });
});

describe("time", () => {
    it("passes when synchronised and close", () => {
        expect(timeSync(k3sTarget(), probe(debianFresh), NOW).status).toBe("pass");
    });
    it("fails when NTP is off", () => {
        const r = timeSync(k3sTarget(), probe(piWithK3s), NOW);
        expect(r).toMatchObject({ status: "fail", fix: "timedatectl set-ntp true" });
    });
    it("fails on a large skew whatever timedatectl says", () => {
        expect(timeSync(k3sTarget(), probe(debianFresh), NOW - 300).detail).toContain("302s off");
    });
});

describe("dpkg lock", () => {
    it("is free when no POSIX lock sits on the lock files' inodes", () => {
        expect(dpkgLock(k3sTarget(), probe(debianFresh)).status).toBe("pass");
    });
    it("fails when apt holds lock-frontend and the install step needs packages", () => {
        const r = dpkgLock(k3sTarget({ hostPackages: ["open-iscsi"] }), probe(piWithK3s));
        expect(r.status).toBe("fail");
        expect(r.detail).toContain("pid 2412");
    });
    it("only warns when nothing is to be installed, and skips without dpkg", () => {
        expect(dpkgLock(k3sTarget(), probe(piWithK3s)).status).toBe("warn");
        expect(dpkgLock(k3sTarget(), probe(nixosFlannel)).status).toBe("skip");
    });
});

describe("Longhorn prerequisites", () => {
    it("are not checked without Longhorn", () => {
        expect(longhornHost(k3sTarget(), probe(debianFresh))).toEqual([]);
    });
    it("accept a missing iscsiadm when the install step installs open-iscsi with apt", () => {
        const [iscsi] = longhornHost(k3sTarget({ longhorn: true }), probe(debianFresh));
        expect(iscsi.status).toBe("pass");
    });
    it("fail on NixOS without iscsiadm (NixOS fix) and with multipathd claiming sd* devices", () => {
        const [iscsi, mp] = longhornHost(k3sTarget({ longhorn: true, install: "preinstalled" }), probe(nixosFlannel));
        expect(iscsi.status).toBe("fail");
        expect(iscsi.fix).toContain("services.openiscsi");
        expect(mp.status).toBe("fail");
        expect(mp.fix).toContain('devnode "^sd[a-z0-9]+"');
    });
    it("pass multipathd with the blacklist", () => {
        const conf = 'blacklist {\n    devnode "^sd[a-z0-9]+"\n}';
        const [, mp] = longhornHost(k3sTarget({ longhorn: true }), probe({ ...nixosFlannel, "multipath-conf": conf }));
        expect(mp.status).toBe("pass");
    });
});

describe("existing k3s install", () => {
    it("reads version, state and cluster CA hash without any secret", () => {
        expect(k3sInstall(probe(piWithK3s))).toEqual({
            installed: true,
            version: "v1.31.4+k3s1",
            active: ["k3s"],
            caHash: piWithK3s["k3s-ca"],
            tokenPresent: true,
        });
    });
    it("passes a fresh host", () => {
        expect(existingInstall(k3sTarget(), probe(debianFresh), "fresh").status).toBe("pass");
    });
    it("refuses the fresh path over a running k3s, naming version and cluster", () => {
        const r = existingInstall(k3sTarget(), probe(piWithK3s), "fresh");
        expect(r.status).toBe("fail");
        expect(r.detail).toContain("v1.31.4+k3s1");
        expect(r.detail).toContain("sha256:9f86d081884c7d65");
        expect(r.fix).toContain("cluster.adopt: true");
    });
    it("accepts it when adopting or converging", () => {
        expect(existingInstall(k3sTarget(), probe(piWithK3s), "adopt").status).toBe("pass");
        expect(existingInstall(k3sTarget(), probe(piWithK3s), "converge").status).toBe("pass");
    });
    it("preinstalled mode needs k3s running", () => {
        expect(existingInstall(k3sTarget({ install: "preinstalled" }), probe(nixosFlannel), "fresh").status).toBe("pass");
        const r = existingInstall(k3sTarget({ install: "preinstalled" }), probe({ ...nixosFlannel, "k3s-version": "", "k3s-units": "k3s inactive" }), "fresh");
        expect(r.status).toBe("fail");
        expect(r.fix).toContain("services.k3s");
    });
});

describe("NixOS k3s vs Cilium", () => {
    const want = { install: "preinstalled" as const, cilium: { enabled: true, kubeProxyReplacement: true } };
    it("fails when flannel and kube-proxy still run, with the extraFlags fix", () => {
        const [flannel, kp] = ciliumReady(k3sTarget(want), probe(nixosFlannel));
        expect(flannel).toMatchObject({ check: "k3s.flannel-off", status: "fail" });
        expect(flannel.fix).toContain("--flannel-backend=none");
        expect(kp).toMatchObject({ check: "k3s.kube-proxy-off", status: "fail" });
    });
    it("passes once flags are set and flannel's link is gone", () => {
        const links = nixosFlannel.links.split("\n").slice(0, 2).join("\n");
        const r = ciliumReady(k3sTarget(want), probe({ ...nixosFlannel, links, "k3s-flags": "flannel-backend=none\ndisable-kube-proxy" }));
        expect(r.map((x) => x.status)).toEqual(["pass", "pass"]);
    });
    it("is not checked for script installs (the install step writes the flags)", () => {
        expect(ciliumReady(k3sTarget({ cilium: want.cilium }), probe(nixosFlannel))).toEqual([]);
    });
});
