/**
 * When the stored k3s kubeconfig must be read again: the read's triggers, and the expiry warning
 * computed from the stored client certificate (a fixed test certificate, notAfter from openssl).
 */
import { kubeconfigClientCertExpiry, kubeconfigExpiryWarning, kubeconfigReadTriggers } from "../../components/nodes/k3s-kubeconfig-watch";
import { fakeK3sKubeconfig } from "../../cli/engine/fakes/command";
import { specFrom } from "../harness";
import { cluster, server } from "./k3s-fixtures";

/** A self-signed ECDSA certificate (CN=system:admin) made with openssl; notAfter below. */
const CERT_B64 = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJ0RENDQVZ1Z0F3SUJBZ0lVVUdqWjgya1hENUR5bWJNbDBsaGF3elY2S2w0d0NnWUlLb1pJemowRUF3SXcKTURFWE1CVUdBMVVFQ2d3T2MzbHpkR1Z0T20xaGMzUmxjbk14RlRBVEJnTlZCQU1NREhONWMzUmxiVHBoWkcxcApiakFlRncweU5qRXlNREl3TlRVM01qTmFGdzB5TnpFeU1ESXdOVFUzTWpOYU1EQXhGekFWQmdOVkJBb01Ebk41CmMzUmxiVHB0WVhOMFpYSnpNUlV3RXdZRFZRUUREQXh6ZVhOMFpXMDZZV1J0YVc0d1dUQVRCZ2NxaGtqT1BRSUIKQmdncWhrak9QUU1CQndOQ0FBUUpuaWp5MGJGRGJsY3YzbitYK0l1WFRaaGdTTXJUNWhIMndKb21NNXY5YVJ0bgpkK05TdDA5amRIekxTejJ1cW0yOStGbXc1L2s5UDArNkUwMHdVRCtXbzFNd1VUQWRCZ05WSFE0RUZnUVU3OGkyClJScTVwY05IeEdBaEFDZ3BycFRONlo0d0h3WURWUjBqQkJnd0ZvQVU3OGkyUlJxNXBjTkh4R0FoQUNncHJwVE4KNlo0d0R3WURWUjBUQVFIL0JBVXdBd0VCL3pBS0JnZ3Foa2pPUFFRREFnTkhBREJFQWlCRHVrSFh5L0xvSWhKegpSblRuYlRJVGNqZ2RvVXpBVzgwSjRkdDZlYXRoOXdJZ1YvaWJvZmhIeEwvN2NibmswWkVqNm9hdWtlQkF1eFZWClJlcm1ydER2QWtnPQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==";
const NOT_AFTER = "Dec  2 05:57:23 2027 GMT"; // openssl x509 -noout -enddate

const kubeconfigWith = (certData: string) => fakeK3sKubeconfig("lab").replace(/client-certificate-data: \S+/, `client-certificate-data: ${certData}`);

describe("k3s kubeconfig refresh", () => {
    it("reads the client certificate's expiry from a kubeconfig, nothing from one without a parsable certificate", () => {
        expect(kubeconfigClientCertExpiry(kubeconfigWith(CERT_B64))?.toISOString()).toBe(new Date(NOT_AFTER).toISOString());
        expect(kubeconfigClientCertExpiry(fakeK3sKubeconfig("lab"))).toBeUndefined();
        expect(kubeconfigClientCertExpiry("not yaml: [")).toBeUndefined();
    });

    it("warns within 30 days of expiry and after it, naming the key to bump", () => {
        const expiry = new Date("2027-12-02T05:57:23Z");
        expect(kubeconfigExpiryWarning(expiry, new Date("2027-10-01T00:00:00Z"))).toBeUndefined();
        expect(kubeconfigExpiryWarning(expiry, new Date("2027-11-20T00:00:00Z"))).toContain("expires in 12 days");
        expect(kubeconfigExpiryWarning(expiry, new Date("2027-12-05T00:00:00Z"))).toMatch(/expired 3 days ago.*cluster\.k3s\.kubeconfigRefresh/);
        expect(kubeconfigExpiryWarning(undefined, new Date())).toBeUndefined();
    });

    it("re-reads on a new bootstrap server, version (script) or path (preinstalled), and on kubeconfigRefresh", () => {
        const script = specFrom(cluster([server(1)], {}, { kubeconfigRefresh: "2027-11" }));
        expect(kubeconfigReadTriggers(script, script.nodes[0])).toEqual(["v1.36.3+k3s1", "cp1", "2027-11"]);
        const nix = specFrom(cluster([server(1)], {}, { install: "preinstalled", kubeconfigPath: "/var/lib/k3s.yaml" }));
        expect(kubeconfigReadTriggers(nix, nix.nodes[0])).toEqual(["cp1", "/var/lib/k3s.yaml"]);
    });
});
