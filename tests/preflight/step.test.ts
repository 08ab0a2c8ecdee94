/** The per-node `up` step's request handling (pure parts) and its main() against loopback. */
import { MODE_ENV, parseStepRequest, stepMode, stepRunsClusterChecks } from "../../preflight/request";
import { main } from "../../preflight/step";
import type { ClusterTarget, K3sNodeTarget } from "../../preflight/types";
import { k3sTarget } from "./probes";
import { freePort } from "./sshd";

describe("step mode", () => {
    it("create is fresh, update converges, adopt wins, the env switch turns a create into converge", () => {
        expect(stepMode(false, "create")).toBe("fresh");
        expect(stepMode(false, "update")).toBe("converge");
        expect(stepMode(true, "create")).toBe("adopt");
        expect(stepMode(false, "create", { [MODE_ENV]: "converge" })).toBe("converge");
        expect(stepMode(false, "create", { [MODE_ENV]: "anything-else" })).toBe("fresh");
    });
    it("cluster-level checks ride with the bootstrap node, except when converging", () => {
        expect(stepRunsClusterChecks(k3sTarget({ bootstrap: true }), "fresh")).toBe(true);
        expect(stepRunsClusterChecks(k3sTarget({ bootstrap: true }), "converge")).toBe(false);
        expect(stepRunsClusterChecks(k3sTarget({ bootstrap: false }), "adopt")).toBe(false);
    });
    it("rejects a request without target or cluster", () => {
        expect(() => parseStepRequest("{}")).toThrow(/target and cluster/);
    });
});

describe("step main (loopback)", () => {
    it("fails with the failing line on stderr when the node does not answer", async () => {
        const port = await freePort();
        const target: K3sNodeTarget = k3sTarget({ name: "cp1", ip: "127.0.0.31", ssh: { port, user: "root" } });
        const cluster: ClusterTarget = { name: "loop", distribution: "k3s", endpoint: "127.0.0.31", apiPort: 6443, pools: [], adopt: false };
        let out = "";
        let err = "";
        const code = await main(["--phase", "create", "--node", "cp1"], JSON.stringify({ target, cluster }), (s) => (out += s), (s) => (err += s));
        expect(code).toBe(1);
        expect(err).toMatch(/^FAIL cp1 node\.ssh: root@127\.0\.0\.31:\d+: connection refused/);
        expect(out).toContain("PASS cluster cluster.endpoint");
        expect(await main(["--phase", "bogus"], "{}", () => undefined, () => undefined)).toBe(2);
    });
});
