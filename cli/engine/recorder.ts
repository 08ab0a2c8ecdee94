/**
 * Records what the engine receives. Wraps the mock monitor installed by `pulumi.runtime.setMocks`
 * so every RegisterResource and Invoke request is captured with its parent, provider,
 * dependencies, lifecycle options (protect, retainOnDelete, aliases, import, ignoreChanges,
 * replaceOnChanges, deleteBeforeReplace, customTimeouts) and serialized inputs (secretness intact)
 * before the mock answers.
 */
import type * as pulumi from "@pulumi/pulumi";
import { decodeWireValue, providerUrn } from "./values";

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
    /**
     * Every earlier URN this resource answers to, resolved the way the engine resolves them: the
     * resource's own `aliases` option (specs filled in from the resource's name, type and parent)
     * plus the aliases it inherits from an aliased parent. See `resolveAliases`.
     */
    readonly aliases: string[];
    /** The `import` option: the provider id to adopt ("" when not importing). */
    readonly importId: string;
    readonly replaceOnChanges: string[];
    readonly deleteBeforeReplace: boolean;
    /** The `customTimeouts` option, durations as Go duration strings ("" = provider default). */
    readonly customTimeouts: CustomTimeouts;
    readonly additionalSecretOutputs: string[];
    readonly version: string;
    readonly pluginDownloadURL: string;
    /** Inputs with secrets as "[secret]" and unknowns as "[unknown]". */
    readonly inputs: Record<string, unknown>;
    /** Inputs with secrets unwrapped. Tests only; never written out. */
    readonly plainInputs: Record<string, unknown>;
    /** Paths inside inputs that were secret. */
    readonly secretPaths: string[];
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

export interface CustomTimeouts {
    readonly create: string;
    readonly update: string;
    readonly delete: string;
}

type Struct = { toJavaScript(): unknown } | undefined;

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** Parts of a real (engine) URN: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. */
export function parseUrn(urn: string): { stack: string; project: string; qualifiedType: string; type: string; name: string } {
    const m = /^urn:pulumi:([^:]*)::([^:]*)::(.*?)::(.*)$/s.exec(urn);
    if (!m) throw new Error(`not a URN: ${urn}`);
    const qualifiedType = m[3];
    return { stack: m[1], project: m[2], qualifiedType, type: qualifiedType.split("$").pop()!, name: m[4] };
}

/**
 * The URN the engine gives a resource: the parent's qualified type chain (the root Stack left
 * out) joined with `$`, then the resource's type. Mirrors `resource.NewURN` in
 * https://github.com/pulumi/pulumi/blob/master/sdk/go/common/resource/urn.go; the mock monitor
 * only keeps the parent's last type segment, which differs from the engine below two levels.
 */
export function makeUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
    const parentType = parentUrn ? parseUrn(parentUrn).qualifiedType : "";
    const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** An alias as the SDK sends it: a full URN, or a spec whose empty fields mean "same as now". */
export type WireAlias =
    | { readonly urn: string }
    | { readonly name: string; readonly type: string; readonly stack: string; readonly project: string; readonly parentUrn?: string; readonly noParent?: boolean };

/**
 * Resolves the aliases of one registration to URNs the way the engine does
 * (https://github.com/pulumi/pulumi/blob/master/pkg/resource/deploy/step_generator.go,
 * `collapseAliasToUrn` and `inheritedChildAlias`): empty spec fields take the resource's own
 * name/type/stack/project/parent; a child of an aliased parent also answers to the URN it had
 * under each old parent URN, with the parent-name prefix of its own name swapped for the old
 * parent's name (the `${name}-child` naming convention this project follows).
 */
export function resolveAliases(
    self: { stack: string; project: string; type: string; name: string; parentUrn: string },
    wire: readonly WireAlias[],
    parentAliases: readonly string[],
): string[] {
    const out = new Set<string>();
    const own: Array<{ type: string; name: string }> = [];
    for (const a of wire) {
        if ("urn" in a) {
            out.add(a.urn);
            const p = parseUrn(a.urn);
            own.push({ type: p.type, name: p.name });
            continue;
        }
        const type = a.type || self.type;
        const name = a.name || self.name;
        let parent = a.noParent ? "" : (a.parentUrn ?? self.parentUrn);
        if (parent && parseUrn(parent).qualifiedType === ROOT_STACK_TYPE) parent = "";
        out.add(makeUrn(a.stack || self.stack, a.project || self.project, parent, type, name));
        own.push({ type, name });
    }
    if (self.parentUrn) {
        const parentName = parseUrn(self.parentUrn).name;
        for (const pa of parentAliases) {
            const old = parseUrn(pa);
            for (const c of [{ type: self.type, name: self.name }, ...own]) {
                const name = c.name.startsWith(parentName) ? old.name + c.name.slice(parentName.length) : c.name;
                out.add(makeUrn(old.stack, old.project, pa, c.type, name));
            }
        }
    }
    return [...out];
}

/**
 * The mock monitor qualifies a top-level resource's type with the root Stack's
 * (`...::pulumi:pulumi:Stack$homelab:nodes:TalosCluster::name`); the engine never does, so that
 * segment is dropped everywhere a URN is recorded and the plan shows the URNs `pulumi state`
 * commands take.
 */
export function realUrn(urn: string): string {
    return urn.replace("::pulumi:pulumi:Stack$", "::");
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
    // The SDK only ever sees the mock's URNs; the recording shows the engine's (see makeUrn).
    const engineUrn = new Map<string, string>();
    const toEngine = (u: string): string => engineUrn.get(u) ?? realUrn(u);
    const engineUrns = (v: unknown): unknown => {
        if (typeof v === "string") return v.startsWith("urn:pulumi:") ? toEngine(v) : v;
        if (Array.isArray(v)) return v.map(engineUrns);
        if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, engineUrns(x)]));
        return v;
    };
    const aliasesOf = new Map<string, string[]>();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, cb: any) => {
        const obj = decodeWireValue((req.getObject() as Struct)?.toJavaScript() ?? {});
        const propDeps: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v: any, k: string) => {
            propDeps[k] = v.getUrnsList().map(toEngine);
        });
        const parent = toEngine(req.getParent());
        const urn = makeUrn(settings.getStack(), settings.getProject(), parent, req.getType(), req.getName());
        engineUrn.set(mockUrn(req), urn);
        const wire: WireAlias[] = [
            ...(req.getAliasurnsList() as string[]).map((u) => ({ urn: toEngine(u) })),
            ...(req.getAliasesList() as any[]).map((a): WireAlias => {
                if (a.hasUrn()) return { urn: toEngine(a.getUrn()) };
                const sp = a.getSpec();
                return {
                    name: sp.getName(), type: sp.getType(), stack: sp.getStack(), project: sp.getProject(),
                    ...(sp.hasParenturn() ? { parentUrn: toEngine(sp.getParenturn()) } : {}),
                    ...(sp.hasNoparent() && sp.getNoparent() ? { noParent: true } : {}),
                };
            }),
        ];
        const aliases = resolveAliases(
            { stack: settings.getStack(), project: settings.getProject(), type: req.getType(), name: req.getName(), parentUrn: parent },
            wire,
            aliasesOf.get(parent) ?? [],
        );
        aliasesOf.set(urn, aliases);
        const timeouts = req.getCustomtimeouts();
        recording.resources.push({
            urn,
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            parent,
            provider: toEngine(providerUrn(req.getProvider())),
            dependencies: [...new Set<string>((req.getDependenciesList() as string[]).map(toEngine))],
            propertyDependencies: propDeps,
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            ignoreChanges: req.getIgnorechangesList(),
            aliases,
            importId: req.getImportid(),
            replaceOnChanges: req.getReplaceonchangesList(),
            deleteBeforeReplace: req.getDeletebeforereplace() === true,
            customTimeouts: { create: timeouts?.getCreate() ?? "", update: timeouts?.getUpdate() ?? "", delete: timeouts?.getDelete() ?? "" },
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            version: req.getVersion(),
            pluginDownloadURL: req.getPlugindownloadurl(),
            inputs: engineUrns(obj.redacted) as Record<string, unknown>,
            plainInputs: engineUrns(obj.plain) as Record<string, unknown>,
            secretPaths: obj.secretPaths,
        });
        return register(req, relay(`register ${req.getType()} ${req.getName()}`, cb));
    };
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req: any, cb: any) => {
        const args = decodeWireValue((req.getArgs() as Struct)?.toJavaScript() ?? {});
        recording.invokes.push({
            token: req.getTok(),
            plainArgs: args.plain as Record<string, unknown>,
            provider: toEngine(providerUrn(req.getProvider())),
            version: req.getVersion(),
            pluginDownloadURL: req.getPlugindownloadurl(),
        });
        return invoke(req, relay(`invoke ${req.getTok()}`, cb));
    };
    return recording;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export type { pulumi };
