/**
 * The diagram's layer arrows come from what was registered, not from the reading order: a layer
 * points at another only when something in it waits for something there, and an arrow implied
 * by two others is left out.
 */
import { layerEdges } from "../../cli/artifacts/diagram";
import type { RecordedResource } from "../../cli/engine/recorder";

const res = (urn: string, type: string, parent = "", dependencies: string[] = []) => ({ urn, type, parent, dependencies }) as unknown as RecordedResource;
const layers = ["nodes", "network", "storage", "gitops"];

describe("diagram layer edges", () => {
    it("follows dependencies and drops the ones two others imply", () => {
        const r = [
            res("n", "homelab:nodes:TalosCluster"),
            res("n1", "talos:machine/bootstrap:Bootstrap", "n"),
            res("c", "homelab:network:Cilium"),
            res("c1", "kubernetes:helm.sh/v3:Release", "c", ["n1"]),
            res("s", "homelab:storage:Longhorn"),
            res("s1", "kubernetes:helm.sh/v3:Release", "s", ["n1", "c1"]),
            res("g", "homelab:gitops:ArgoCD"),
            res("g1", "kubernetes:helm.sh/v3:Release", "g", ["c1"]),
        ];
        // nodes -> storage is implied by nodes -> network -> storage; storage and gitops are siblings.
        expect(layerEdges(r, layers)).toEqual([
            ["nodes", "network"],
            ["network", "storage"],
            ["network", "gitops"],
        ]);
    });

    it("falls back to the reading order when nothing recorded a dependency", () => {
        const r = [res("n", "homelab:nodes:K3sCluster"), res("g", "homelab:gitops:ArgoCD")];
        expect(layerEdges(r, ["nodes", "gitops"])).toEqual([["nodes", "gitops"]]);
    });
});
