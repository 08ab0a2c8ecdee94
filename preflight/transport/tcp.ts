/** A bounded TCP connect: the only probe preflight sends to addresses that are not nodes. */
import * as net from "node:net";
import type { TcpOutcome } from "../checks/cluster";

export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<TcpOutcome> {
    return new Promise((resolve) => {
        const socket = new net.Socket();
        let done = false;
        const finish = (o: TcpOutcome) => {
            if (done) return;
            done = true;
            socket.destroy();
            resolve(o);
        };
        socket.setTimeout(timeoutMs);
        socket.once("connect", () => finish("open"));
        socket.once("timeout", () => finish("timeout"));
        socket.once("error", (e: NodeJS.ErrnoException) => finish(e.code === "ECONNREFUSED" ? "refused" : e.code === "ETIMEDOUT" ? "timeout" : "unreachable"));
        socket.connect({ host, port });
    });
}

/** Probes several ports of one address concurrently. */
export async function tcpProbePorts(host: string, ports: readonly number[], timeoutMs: number): Promise<Record<number, TcpOutcome>> {
    const outcomes = await Promise.all(ports.map((p) => tcpProbe(host, p, timeoutMs)));
    return Object.fromEntries(ports.map((p, i) => [p, outcomes[i]]));
}
