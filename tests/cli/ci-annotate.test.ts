/** cli/ci-annotate.ts: validate --json findings become GitHub workflow-command annotations. */
import * as path from "node:path";
import { annotationLines, escapeData, escapeProperty, main } from "../../cli/ci-annotate";
import { ROOT } from "../harness";

describe("validate annotations", () => {
    it("escapes workflow-command data and properties", () => {
        expect(escapeData("50% a\nb\r")).toBe("50%25 a%0Ab%0D");
        expect(escapeProperty("homelab:nodes[1],x")).toBe("homelab%3Anodes[1]%2Cx");
    });

    it("puts each error and warning on the stack file, relative to the repository", () => {
        const lines = annotationLines(
            {
                file: path.join(ROOT, "Pulumi.homelab.yaml"),
                valid: false,
                errors: [{ path: "homelab:nodes[1].ip", value: "10.0.1.5", message: "is outside network.nodeCidr 10.0.0.0/24" }],
                warnings: [{ path: "homelab:nodes", value: null, message: "have no hostKey" }],
            },
            ROOT,
        );
        expect(lines).toEqual([
            "::error file=Pulumi.homelab.yaml,title=homelab%3Anodes[1].ip::homelab:nodes[1].ip: 10.0.1.5 is outside network.nodeCidr 10.0.0.0/24",
            "::warning file=Pulumi.homelab.yaml,title=homelab%3Anodes::homelab:nodes: have no hostKey",
        ]);
    });

    it("adds line and column when validate reports them", () => {
        const [l] = annotationLines({ file: "Pulumi.pi-k3s.yaml", valid: false, errors: [{ path: "homelab:cluster.name", value: 7, message: "must be a string", line: 9, column: 11 }], warnings: [] }, ROOT);
        expect(l).toBe("::error file=Pulumi.pi-k3s.yaml,line=9,col=11,title=homelab%3Acluster.name::homelab:cluster.name: 7 must be a string");
    });

    it("runs validate --json for a stack and reports it valid", () => {
        const out: string[] = [];
        expect(main(["pi-k3s"], (s) => out.push(s))).toBe(0);
        expect(out.join("")).toMatch(/^valid: pi-k3s \(0 errors, \d+ warnings\)$/m);
    });

    it("fails with an error annotation when a stack cannot be validated", () => {
        const out: string[] = [];
        expect(main(["no-such-stack"], (s) => out.push(s))).toBe(1);
        expect(out.join("")).toMatch(/^::error title=validate no-such-stack::/m);
    });
});
