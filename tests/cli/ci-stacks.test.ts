/** cli/ci-stacks.ts: which stacks the preview workflow previews. */
import { pickStacks } from "../../cli/ci-stacks";

const all = ["ha-k3s", "homelab", "pi-k3s"];

describe("stacks to preview", () => {
    it("previews the stacks whose offline plan changed", () => {
        expect(pickStacks({ all, changedFiles: ["components/network/cilium.ts"], diffChanged: ["pi-k3s", "homelab"] }).stacks).toEqual(["homelab", "pi-k3s"]);
        expect(pickStacks({ all, changedFiles: ["docs/ci.md"], diffChanged: [] })).toEqual({ stacks: [], reason: "no stack's offline plan changed" });
    });

    it("previews every stack when a change is invisible to the offline diff", () => {
        for (const f of ["package.json", "package-lock.json", "Pulumi.yaml", "sdks/talos/index.ts"]) {
            const r = pickStacks({ all, changedFiles: ["README.md", f], diffChanged: [] });
            expect(r.stacks).toEqual(all);
            expect(r.reason).toContain(`${f} changed`);
        }
        expect(pickStacks({ all, changedFiles: ["Pulumi.pi-k3s.yaml"], diffChanged: [] }).stacks).toEqual([]);
    });

    it("previews every stack without a base, and one stack on request", () => {
        expect(pickStacks({ all }).stacks).toEqual(all);
        expect(pickStacks({ all, only: "homelab", changedFiles: [] }).stacks).toEqual(["homelab"]);
        expect(() => pickStacks({ all, only: "nope" })).toThrow("--only nope: no Pulumi.nope.yaml");
    });
});
