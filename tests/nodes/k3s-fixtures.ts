/** Shared configs and helpers of the k3s mock-engine tests. */
import type { RecordedResource } from "../../cli/engine/recorder";
import { one, type RawConfig } from "../harness";

export type Obj = Record<string, unknown>;
export const CANARY = "CANARY-SSH-KEY-123";
export const secrets = { sshPrivateKey: CANARY };
export const CMD = "command:remote:Command";
export const TOKEN = "random:index/randomPassword:RandomPassword";
export const V = "v1.36.3+k3s1";

export function cluster(nodes: Obj[], over: Obj = {}, k3s: Obj = {}): RawConfig {
    return {
        cluster: { name: "lab", distribution: "k3s", endpoint: "10.0.0.10", k3s: { version: V, ...k3s } },
        network: { nodeCidr: "10.0.0.0/24", gateway: "10.0.0.1", vip: "10.0.0.10" },
        nodes,
        ...over,
    };
}
export const server = (n: number, extra: Obj = {}) => ({ name: `cp${n}`, role: "controlplane", ip: `10.0.0.1${n}`, ...extra });
export const agent = (n: number, extra: Obj = {}) => ({ name: `w${n}`, role: "worker", ip: `10.0.0.2${n}`, ...extra });

export const threePlusAgents = (k3s: Obj = {}) =>
    cluster(
        [
            server(1),
            server(2),
            server(3, { hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfCp3" }),
            agent(1),
            agent(2, { sshUser: "ubuntu" }),
            agent(3, { labels: { "nvidia.com/gpu.present": "true" }, taints: ["nvidia.com/gpu=true:NoSchedule"] }),
            agent(4, { offline: true }),
        ],
        {},
        { bootstrapServer: "cp1", ...k3s },
    );

type Run = { resources: RecordedResource[] };
export const cmd = (r: Run, name: string) => one(r as never, CMD, name);
export const urnOf = (r: Run, name: string) => cmd(r, name).urn;
/** The `-install` (and drain/uncordon) dependencies of a command, sorted. */
export const installDeps = (r: Run, name: string) => cmd(r, name).dependencies.filter((u) => /-(install|uncordon)$/.test(u)).sort();
