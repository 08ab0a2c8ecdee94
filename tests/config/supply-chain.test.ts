/**
 * Supply chain (docs/security.md): Renovate can pin and refresh image digests in
 * config/versions.ts without breaking the references the program renders.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { splitImage } from "../../components/network/kube-vip-values";
import { images } from "../../config/versions";
import { ROOT } from "../harness";

type Manager = { description: string; matchStrings: string[]; autoReplaceStringTemplate?: string };
const renovate = JSON.parse(fs.readFileSync(path.join(ROOT, "renovate.json"), "utf8")) as {
    customManagers: Manager[];
    packageRules: Array<{ matchDatasources?: string[]; matchFileNames?: string[]; pinDigests?: boolean }>;
};
const imageManager = renovate.customManagers.find((m) => m.autoReplaceStringTemplate !== undefined)!;
const re = new RegExp(imageManager.matchStrings[0], "g");

/** The two Handlebars forms the template uses, enough to replay it. */
function renderTemplate(t: string, v: Record<string, string | undefined>): string {
    return t.replace(/\{\{#if (\w+)\}\}(.*?)\{\{\/if\}\}/g, (_m, k: string, body: string) => (v[k] ? body : "")).replace(/\{\{\{(\w+)\}\}\}/g, (_m, k: string) => v[k] ?? "");
}

describe("image pins and Renovate", () => {
    const digest = `sha256:${"ab".repeat(32)}`;

    it("every image line is matched; Renovate pins digests for them", () => {
        const source = fs.readFileSync(path.join(ROOT, "config/versions.ts"), "utf8");
        const hits = [...source.matchAll(re)].map((m) => `${m.groups!.depName}:${m.groups!.currentValue}`);
        expect(hits.sort()).toEqual(Object.values(images).map((i) => i.split("@")[0]).sort());
        expect(renovate.packageRules).toContainEqual(expect.objectContaining({ matchFileNames: ["config/versions.ts"], matchDatasources: ["docker"], pinDigests: true }));
    });

    it("the replacement template rewrites a line to tag + digest and reads it back", () => {
        const line = `    kubeVip: "ghcr.io/kube-vip/kube-vip:v1.2.3", // renovate: datasource=docker`;
        const m = new RegExp(imageManager.matchStrings[0]).exec(line)!;
        expect(m.groups).toMatchObject({ depName: "ghcr.io/kube-vip/kube-vip", currentValue: "v1.2.3", datasource: "docker" });
        expect(m.groups!.currentDigest).toBeUndefined();
        const pinned = renderTemplate(imageManager.autoReplaceStringTemplate!, { depName: "ghcr.io/kube-vip/kube-vip", newValue: "v1.2.4", newDigest: digest, datasource: "docker" });
        expect(pinned).toBe(`"ghcr.io/kube-vip/kube-vip:v1.2.4@${digest}", // renovate: datasource=docker`);
        const again = new RegExp(imageManager.matchStrings[0]).exec(`    kubeVip: ${pinned}`)!;
        expect(again.groups).toMatchObject({ depName: "ghcr.io/kube-vip/kube-vip", currentValue: "v1.2.4", currentDigest: digest });
    });

    it("a digest-pinned reference still splits into a chart's repository and tag", () => {
        expect(splitImage(`ghcr.io/kube-vip/kube-vip:v1.2.3@${digest}`)).toEqual({ repository: "ghcr.io/kube-vip/kube-vip", tag: `v1.2.3@${digest}` });
        expect(splitImage("registry.lan:5000/kube-vip:v1.2.3")).toEqual({ repository: "registry.lan:5000/kube-vip", tag: "v1.2.3" });
    });
});
