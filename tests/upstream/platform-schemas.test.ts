/**
 * What the platform layers emit, checked against the upstream schemas in ../shared/schemas: the
 * MetalLB advertisements per pool, the ClusterSecretStore the stack exports, every Namespace.
 * Each check also shows the schema rejecting a broken object, so it can fail.
 * (ajv 8, a pinned dev dependency, not strict: the CRD schemas carry x-kubernetes-* keywords;
 * OpenAPI formats such as int64 are not checked.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { plan } from "../../cli/plan";
import { ROOT } from "../harness";

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, logger: false });
const schemas = path.resolve(ROOT, "../shared/schemas");
const validator = (file: string) => ajv.compile(JSON.parse(fs.readFileSync(path.join(schemas, file), "utf8")));

describe("platform objects against upstream schemas", () => {
    it("has the reference schemas (npm run test:upstream runs only where ../shared exists)", () => {
        expect(fs.existsSync(schemas)).toBe(true);
    });

    type Plan = Awaited<ReturnType<typeof plan>>;
    let ha: Plan;
    let homelab: Plan;
    beforeAll(async () => {
        ha = await plan({ stack: "ha-k3s" }, ROOT);
        homelab = await plan({ stack: "homelab" }, ROOT);
    });

    it("ha-k3s: both L2Advertisements are valid metallb.io/v1beta1 objects", () => {
        const v = validator("crds/metallb.io/l2advertisement_v1beta1.json");
        const ads = ha.run.resources.filter((r) => r.type === "kubernetes:metallb.io/v1beta1:L2Advertisement");
        expect(ads).toHaveLength(2);
        for (const a of ads) expect([a.name, v(a.inputs), v.errors ?? null]).toEqual([a.name, true, null]);
        expect(v({ ...ads[0].inputs, spec: { interfaces: "eth0" } })).toBe(false);
    });

    it("homelab: the exported ClusterSecretStore is a valid external-secrets.io/v1 object", () => {
        const v = validator("crds/external-secrets.io/clustersecretstore_v1.json");
        const store = homelab.run.outputs?.externalSecretsStore as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        expect([v(store), v.errors ?? null]).toEqual([true, null]);
        const broken = structuredClone(store);
        broken.spec.provider.infisical.auth.universalAuthCredentials.clientId.secret = "x";
        expect(v(broken)).toBe(false);
    });

    it.each(["homelab", "ha-k3s"])("%s: every Namespace is a valid v1 Namespace", (s) => {
        const v = validator("kubernetes/v1.32.2-standalone-strict/namespace-v1.json");
        const nss = (s === "homelab" ? homelab : ha).run.resources.filter((r) => r.type === "kubernetes:core/v1:Namespace");
        expect(nss.length).toBeGreaterThan(1);
        for (const ns of nss) expect([ns.name, v(ns.inputs), v.errors ?? null]).toEqual([ns.name, true, null]);
        expect(v({ ...nss[0].inputs, metadata: { name: 5 } })).toBe(false);
    });
});
