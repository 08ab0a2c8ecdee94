/**
 * Distribution defaults the program relies on when the stack leaves a value out.
 * Talos: siderolabs/talos pkg/machinery/constants (pod 10.244.0.0/16, services 10.96.0.0/12).
 * k3s: docs/cli/server (cluster-cidr 10.42.0.0/16, service-cidr 10.43.0.0/16).
 */
export const defaultPodCidr = { talos: "10.244.0.0/16", k3s: "10.42.0.0/16" } as const;
export const defaultServiceCidr = { talos: "10.96.0.0/12", k3s: "10.43.0.0/16" } as const;
export const defaultDnsDomain = "cluster.local";
