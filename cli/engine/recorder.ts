/**
 * Records what the engine receives. Wraps the mock monitor installed by `pulumi.runtime.setMocks`
 * so every RegisterResource and Invoke request is captured with its parent, provider,
 * dependencies, protect flag and serialized inputs (secretness intact) before the mock answers.
 */
import type * as pulumi from "@pulumi/pulumi";
import { decodeWireValue, providerUrn } from "./values";

/** The non-empty fields of a RegisterResourceRequest.CustomTimeouts. */
function customTimeouts(t: { getCreate(): string; getUpdate(): string; getDelete(): string }): { create?: string; update?: string; delete?: string } {
    return Object.fromEntries(Object.entries({ create: t.getCreate(), update: t.getUpdate(), delete: t.getDelete() }).filter(([, v]) => v !== ""));
}

/** One resource registration as the engine received it. */
export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly parent: string;
    /** URN of the explicit provider ("" for the default provider or components). */
    readonly provider: string;
    /** Explicit dependsOn plus resources whose outputs flow into inputs. */
    readonly dependencies: string[];
    /** Per-input dependencies. */
    readonly propertyDependencies: Record<string, string[]>;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly ignoreChanges: string[];
    readonly additionalSecretOutputs: string[];
    readonly version: string;
    readonly pluginDownloadURL: string;
    /** Inputs with secrets as "[secret]" and unknowns as "[unknown]". */
    readonly inputs: Record<string, unknown>;
    /** Inputs with secrets unwrapped. Tests only; never written out. */
    readonly plainInputs: Record<string, unknown>;
    /** Paths inside inputs that were secret. */
    readonly secretPaths: string[];
    /** `customTimeouts` resource option, when set. */
    readonly customTimeouts?: { create?: string; update?: string; delete?: string };
}

/**
 * One invoke (data source / function call). The SDK unwraps secrets before an invoke request
 * (runtime/invoke.ts `unwrapSecretValues`), so the arguments carry no secretness: they are kept
 * for tests only and are never written to plan output.
 */
export interface RecordedInvoke {
    readonly token: string;
    readonly plainArgs: Record<string, unknown>;
    readonly provider: string;
    readonly version: string;
    readonly pluginDownloadURL: string;
}

export interface Recording {
    readonly resources: RecordedResource[];
    readonly invokes: RecordedInvoke[];
    /** Failures the monitor answered with (a mock that threw, an unknown invoke). */
    readonly monitorErrors: Error[];
}

type Struct = { toJavaScript(): unknown } | undefined;

/**
 * The mock monitor qualifies a top-level resource's type with the root Stack's
 * (`...::pulumi:pulumi:Stack$homelab:nodes:TalosCluster::name`); the engine never does, so that
 * segment is dropped everywhere a URN is recorded and the plan shows the URNs `pulumi state`
 * commands take.
 */
export function realUrn(urn: string): string {
    return urn.replace("::pulumi:pulumi:Stack$", "::");
}

function realUrns(v: unknown): unknown {
    if (typeof v === "string") return v.startsWith("urn:pulumi:") ? realUrn(v) : v;
    if (Array.isArray(v)) return v.map(realUrns);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, realUrns(x)]));
    return v;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the monitor's gRPC request types are untyped in the SDK's JS */
function mockUrn(req: any): string {
    // Mirrors MockMonitor.newUrn so recorded URNs match the ones the SDK sees.
    const settings = require("@pulumi/pulumi/runtime/settings");
    let type: string = req.getType();
    const parent: string = req.getParent();
    if (parent) {
        const parentType = parent.split("::")[2].split("$").pop();
        type = `${parentType}$${type}`;
    }
    return `urn:pulumi:${settings.getStack()}::${settings.getProject()}::${type}::${req.getName()}`;
}

/** Installs the recorder on the current mock monitor. Call right after `setMocks`. */
export function attachRecorder(): Recording {
    const settings = require("@pulumi/pulumi/runtime/settings");
    const monitor = settings.getMonitor();
    const recording: Recording = { resources: [], invokes: [], monitorErrors: [] };
    // The SDK reports `err.details` (a gRPC field) and drops the message; keep it, and keep the
    // failure even when nothing awaits the Output that carries it.
    const relay = (what: string, cb: any) => (err: any, resp: any) => {
        if (err) {
            recording.monitorErrors.push(new Error(`${what}: ${err.message}`));
            Object.assign(err, { details: err.details ?? err.message });
        }
        cb(err, resp);
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, cb: any) => {
        const obj = decodeWireValue((req.getObject() as Struct)?.toJavaScript() ?? {});
        const propDeps: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v: any, k: string) => {
            propDeps[k] = v.getUrnsList().map(realUrn);
        });
        recording.resources.push({
            urn: realUrn(mockUrn(req)),
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            parent: realUrn(req.getParent()),
            provider: realUrn(providerUrn(req.getProvider())),
            dependencies: [...new Set<string>((req.getDependenciesList() as string[]).map(realUrn))],
            propertyDependencies: propDeps,
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            ignoreChanges: req.getIgnorechangesList(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            version: req.getVersion(),
            pluginDownloadURL: req.getPlugindownloadurl(),
            inputs: realUrns(obj.redacted) as Record<string, unknown>,
            plainInputs: realUrns(obj.plain) as Record<string, unknown>,
            secretPaths: obj.secretPaths,
            ...(req.getCustomtimeouts() ? { customTimeouts: customTimeouts(req.getCustomtimeouts()) } : {}),
        });
        return register(req, relay(`register ${req.getType()} ${req.getName()}`, cb));
    };
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req: any, cb: any) => {
        const args = decodeWireValue((req.getArgs() as Struct)?.toJavaScript() ?? {});
        recording.invokes.push({
            token: req.getTok(),
            plainArgs: args.plain as Record<string, unknown>,
            provider: realUrn(providerUrn(req.getProvider())),
            version: req.getVersion(),
            pluginDownloadURL: req.getPlugindownloadurl(),
        });
        return invoke(req, relay(`invoke ${req.getTok()}`, cb));
    };
    return recording;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export type { pulumi };
