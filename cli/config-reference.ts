/**
 * docs/config.md, generated from the zod schema so it cannot drift: every key with its type and
 * default read from the schema objects (config/schema/walk.ts), its description from the field's
 * `.describe()`/`.meta({ description })` or else from the JSDoc comment on the field in
 * config/schema/*.ts, and the committed stacks that set it. Keys added to the schema appear on the
 * next `npm run docs:config`; tests/config/config-reference.test.ts fails while the committed page
 * is stale. The hand-written parts (the introduction and "Defaults nobody would guess") take their
 * values from the code as well.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";
import { handleHelp, type CommandHelp } from "./args";
import { fallbackByName, fallbackDocs } from "./config-descriptions";
import { defaultDnsDomain, defaultPodCidr, defaultServiceCidr } from "../config/defaults";
import { providerNamespaces } from "../config/namespaces";
import { errorRules, warningRules } from "../config/rules";
import { configKeys } from "../config/schema";
import { k3sBlock, talosBlock } from "../config/schema/cluster";
import { cniSchema } from "../config/schema/cni";
import * as common from "../config/schema/common";
import { networkSchema } from "../config/schema/network";
import { defOf, unwrap, type Schema } from "../config/schema/walk";
import { secretKeys, secretPurpose, setSecretCommand } from "../config/secrets";
import { ruleId } from "../config/validate";
import { supportedVersions } from "../config/versions";

const ROOT = path.resolve(__dirname, "..");

/** JSDoc of object-literal properties in config/schema/*.ts, grouped by literal. */
interface Literal {
    readonly names: ReadonlySet<string>;
    readonly docs: ReadonlyMap<string, string>;
}

function jsDocText(node: ts.Node): string | undefined {
    const parts = ts
        .getJSDocCommentsAndTags(node)
        .filter(ts.isJSDoc)
        .map((d) => ts.getTextOfJSDocComment(d.comment) ?? "")
        .filter((t) => t.trim() !== "");
    return parts.length > 0 ? parts.join(" ").replace(/\s+/g, " ").trim() : undefined;
}

/** Every object literal in the schema sources with the JSDoc of its properties. */
export function schemaLiterals(dir = path.join(ROOT, "config/schema")): Literal[] {
    const out: Literal[] = [];
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".ts")).sort()) {
        const sf = ts.createSourceFile(f, fs.readFileSync(path.join(dir, f), "utf8"), ts.ScriptTarget.ES2022, true);
        const varDocs = new Map<string, string>();
        const visitVars = (n: ts.Node) => {
            if (ts.isVariableStatement(n)) {
                const doc = jsDocText(n);
                if (doc) for (const d of n.declarationList.declarations) if (ts.isIdentifier(d.name)) varDocs.set(d.name.text, doc);
            }
            ts.forEachChild(n, visitVars);
        };
        visitVars(sf);
        const visit = (n: ts.Node) => {
            if (ts.isObjectLiteralExpression(n)) {
                const names = new Set<string>();
                const docs = new Map<string, string>();
                for (const p of n.properties) {
                    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
                        const name = p.name.text;
                        names.add(name);
                        const doc = jsDocText(p) ?? (ts.isShorthandPropertyAssignment(p) ? varDocs.get(name) : undefined);
                        if (doc) docs.set(name, doc);
                    }
                }
                if (names.size > 0) out.push({ names, docs });
            }
            ts.forEachChild(n, visit);
        };
        visit(sf);
    }
    return out;
}

/**
 * The description of field `name` of an object whose fields are `shape`: the literal that holds
 * the field, whose own fields all belong to the object (spreads may add more), with the most
 * fields in common.
 */
function docFor(literals: readonly Literal[], shape: readonly string[], name: string): string | undefined {
    // The object's own literal (exactly its fields) decides, documented or not: a smaller literal
    // elsewhere that happens to share the name (localPath's `path` for nfs.path) must not lend
    // its text; an undocumented field falls back to the path-keyed descriptions.
    const own = literals.find((l) => l.names.size === shape.length && shape.every((n) => l.names.has(n)));
    if (own) return own.docs.get(name);
    let best: Literal | undefined;
    for (const l of literals) {
        if (!l.names.has(name) || ![...l.names].every((n) => shape.includes(n))) continue;
        if (!best || l.names.size > best.names.size || (!best.docs.has(name) && l.docs.has(name))) best = l;
    }
    return best?.docs.get(name);
}

/** Names of the shared building blocks (config/schema/common.ts), recognised by identity. */
const named = new Map<unknown, string>([
    [common.dnsLabel, "DNS label"],
    [common.dnsName, "DNS name"],
    [common.ipAddress, "IP address"],
    [common.cidr, "CIDR (canonical)"],
    [common.addressRange, "address, CIDR or start-end range"],
    [common.labels, "map of labels"],
    [common.taint, "taint `key=value:Effect`"],
    [common.vVersion, "version like `v1.13.9`"],
    [common.k3sVersion, "k3s release like `v1.36.1+k3s1`"],
    [common.kubeVersion, "Kubernetes version like `1.36.3`"],
    [common.duration, "duration like `180s`"],
]);

function checksText(def: { checks?: Array<{ _zod: { def: Record<string, unknown> } }> }): string[] {
    const out: string[] = [];
    let min: unknown;
    let max: unknown;
    for (const c of def.checks ?? []) {
        const d = c._zod.def;
        if (d.check === "greater_than") min = d.value;
        else if (d.check === "less_than") max = d.value;
        else if (d.check === "min_length") out.push(d.minimum === 1 ? "non-empty" : `length >= ${String(d.minimum)}`);
        else if (d.check === "string_format" && d.format === "starts_with") out.push(`starting with \`${String(d.prefix)}\``);
        else if (d.check === "string_format" && d.format === "email") out.push("e-mail address");
        else if (d.check === "string_format" && d.format === "url") out.push("URL");
        else if (d.check === "string_format" && d.format === "regex") {
            // The check's own message ("must be ...") reads better than its regex; zod keeps it as `error`.
            const msg = typeof d.error === "function" ? (d.error as (i: object) => unknown)({}) : undefined;
            out.push(typeof msg === "string" ? msg : `matching \`${String(d.pattern)}\``);
        }
    }
    if (min !== undefined && max !== undefined) out.unshift(`${String(min)}-${String(max)}`);
    else if (min !== undefined) out.unshift(`>= ${String(min)}`);
    else if (max !== undefined) out.unshift(`<= ${String(max)}`);
    return out;
}

/** A short type description of a schema. */
export function typeText(s: Schema): string {
    const { inner } = unwrap(s);
    const known = named.get(inner);
    if (known) return known;
    const def = defOf(inner);
    const extra = checksText(def);
    const withExtra = (t: string) => (extra.length > 0 ? `${t} (${extra.join(", ")})` : t);
    switch (def.type) {
        case "string":
            return withExtra("string");
        case "number": {
            const int = (def.checks ?? []).some((c: { _zod: { def: { format?: string } } }) => c._zod.def.format === "safeint");
            return withExtra(int ? "integer" : "number");
        }
        case "boolean":
            return "boolean";
        case "enum":
            return Object.values(def.entries as Record<string, string>).map((v) => `\`${v}\``).join(" \\| ");
        case "literal":
            return (def.values as unknown[]).map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
        case "array":
            return withExtra(`list of ${typeText(def.element)}`);
        case "record":
            return `map of ${typeText(def.keyType)} to ${typeText(def.valueType)}`;
        case "object":
            return "object";
        case "union":
            return (def.options as Schema[]).map(typeText).join(" or ");
        case "unknown":
        case "any":
            return "any";
        default:
            return String(def.type);
    }
}

function defaultText(u: ReturnType<typeof unwrap>, required: boolean): string {
    if (u.hasDefault) {
        const v = u.defaultValue;
        return typeof v === "string" ? `\`${v}\`` : `\`${JSON.stringify(v)}\``;
    }
    if (u.prefault !== undefined) return "(its fields' defaults)";
    return required ? "**required**" : "unset";
}

function fallbackDoc(key: string): string {
    return fallbackDocs[key] ?? fallbackByName[key.slice(key.lastIndexOf(".") + 1)] ?? "";
}

export interface Row {
    /** `cluster.talos.version`, `nodes[].ip` */
    readonly key: string;
    readonly type: string;
    readonly default: string;
    readonly description: string;
}

/** Every field under a top-level key, depth first, in schema order. */
export function rowsFor(top: string, schema: Schema, literals: readonly Literal[]): Row[] {
    const rows: Row[] = [];
    const walk = (prefix: string, s: Schema) => {
        const { inner } = unwrap(s);
        const def = defOf(inner);
        if (def.type === "array") return walk(`${prefix}[]`, def.element);
        if (def.type === "record" && defOf(unwrap(def.valueType).inner).type === "object") return walk(`${prefix}.<name>`, def.valueType);
        if (def.type === "union") {
            const obj = (def.options as Schema[]).find((o) => defOf(unwrap(o).inner).type === "object");
            if (obj) return walk(prefix, obj);
            return;
        }
        if (def.type !== "object") return;
        const shape = def.shape as Record<string, Schema>;
        const names = Object.keys(shape);
        for (const name of names) {
            const field = shape[name];
            const u = unwrap(field);
            const key = `${prefix}.${name}`;
            const doc = u.descriptions[0] ?? docFor(literals, names, name) ?? fallbackDoc(key);
            rows.push({ key, type: typeText(field), default: defaultText(u, !u.optional && !u.hasDefault && u.prefault === undefined), description: doc });
            walk(`${prefix}.${name}`, field);
        }
    };
    walk(top, schema);
    return rows;
}

/** Key paths a stack file writes, arrays as `[]`: `nodes[].installDisk`, `cluster.talos.version`. */
export function writtenPaths(config: Record<string, unknown>, project = "homelab"): Set<string> {
    const out = new Set<string>();
    const walk = (p: string, v: unknown) => {
        out.add(p);
        if (Array.isArray(v)) v.forEach((x) => walk(`${p}[]`, x));
        else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(`${p}.${k}`, x);
    };
    for (const [k, v] of Object.entries(config)) {
        if (!k.startsWith(`${project}:`)) continue;
        walk(k.slice(project.length + 1), v);
    }
    return out;
}

/** `{ stack -> written paths }` of every committed Pulumi.<stack>.yaml. */
export function seedUsage(root = ROOT): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const f of fs.readdirSync(root).sort()) {
        const m = /^Pulumi\.(.+)\.yaml$/.exec(f);
        if (!m) continue;
        const doc = (parse(fs.readFileSync(path.join(root, f), "utf8")) ?? {}) as { config?: Record<string, unknown> };
        out.set(m[1], writtenPaths(doc.config ?? {}));
    }
    return out;
}

/** Record-of-object rows (`.<name>.`) match any written name. */
function usedBy(key: string, usage: Map<string, Set<string>>): string[] {
    const re = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/<name>/g, "[^.\\[]+")}$`);
    return [...usage.entries()].filter(([, paths]) => [...paths].some((p) => re.test(p))).map(([s]) => s);
}

const cell = (s: string) => s.replace(/\|(?<!\\\|)/g, "\\|").replace(/\n/g, " ");

function table(head: string[], rows: string[][]): string[] {
    return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

/** The whole page. Pure apart from reading the schema sources, Pulumi.yaml and the stack files. */
export function renderConfigReference(root = ROOT): string {
    const literals = schemaLiterals(path.join(root, "config/schema"));
    const usage = seedUsage(root);
    const project = (parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) ?? {}) as { config?: Record<string, { description?: string }> };
    const talosDefaults = talosBlock.parse({});
    const k3sDefaults = k3sBlock.parse({});
    const cni = cniSchema.parse({});
    const net = networkSchema.parse({ nodeCidr: "10.0.0.0/24", gateway: "10.0.0.1" });
    const providers = providerNamespaces();
    const out: string[] = [
        "# Stack config reference",
        "",
        "> Generated by `npm run docs:config` from the zod schema in [`config/schema/`](../config/schema/) (types, defaults) and the",
        "> comments on its fields (descriptions); do not edit by hand. `npm test` fails while this page is stale.",
        "",
        "Each cluster is one stack file, `Pulumi.<stack>.yaml`, whose `config:` section holds one object per",
        "`homelab:` key below ([Pulumi.homelab.yaml](../Pulumi.homelab.yaml) is a complete example). Check a",
        "stack offline with `npm run validate -- --stack <name>` (add `--json` for bots): it reports every",
        "error with its key path, line and column, and lists the credentials the config needs.",
        "",
        "Unknown keys are errors (with a did-you-mean), at every level. So is a key in a namespace nobody",
        `reads: only \`homelab:\`, \`pulumi:\` and the providers the program uses (${Object.keys(providers).map((p) => `\`${p}:\``).join(", ")}) are accepted,`,
        "and a provider key must be one its SDK declares where the SDK lists them:",
        "",
        ...Object.entries(providers).map(([ns, keys]) => `- \`${ns}:\` ${keys ? keys.map((k) => `\`${k}\``).join(", ") : "(keys not checked: the SDK lists none)"}`),
        "",
        "## Defaults nobody would guess",
        "",
        `- **CNI**: \`cni.provider\` defaults to \`${cni.provider}\` on both distributions, with kube-proxy replacement ${cni.kubeProxyReplacement ? "on" : "off"} and Hubble ${cni.hubble.enabled ? "on" : "off"}. On Talos the built-in CNI is set to \`none\` and kube-proxy is disabled; on k3s flannel, k3s' network-policy controller and kube-proxy are disabled (\`flannel-backend: none\`, \`disable-network-policy\`, \`disable-kube-proxy\`). Set \`cni.provider: builtin\` to keep the distribution's own CNI (flannel).`,
        `- **Versions**: Talos \`${talosDefaults.version}\`, k3s \`${k3sDefaults.version}\` unless \`cluster.talos.version\` / \`cluster.k3s.version\` say otherwise. On Talos, an unset \`kubernetesVersion\` leaves the Kubernetes version to the Talos provider's default. Supported (a warning otherwise; preinstalled k3s is not checked, the OS installs it): Talos ${supportedVersions.talos.join(", ")}, Kubernetes and k3s ${supportedVersions.kubernetes.join(", ")} (\`supportedVersions\` in [config/versions.ts](../config/versions.ts)).`,
        `- **Pod and Service ranges**: Talos ${defaultPodCidr.talos} / ${defaultServiceCidr.talos}, k3s ${defaultPodCidr.k3s} / ${defaultServiceCidr.k3s}; DNS domain \`${defaultDnsDomain}\`.`,
        `- **DNS and NTP** (Talos nodes; k3s hosts keep their own): nameservers ${net.nameservers.join(", ")}, NTP ${net.ntpServers.join(", ")}.`,
        `- **Talos hardware**: install disk \`${talosDefaults.installDisk}\` and NIC \`${net.interface}\` unless \`nodes[].installDisk\` / \`cluster.talos.installDisk\` and \`network.interface\` / \`nodes[].interface\` say otherwise; \`validate\` warns about nodes left on these defaults.`,
        "- **k3s built-ins**: `traefik` is disabled (the GitOps repository brings its own ingress; keep it with `cluster.k3s.keepBuiltins`), `servicelb` is disabled whenever a load balancer or Cilium is configured, and `local-storage` is disabled unless `storage.localPath` is enabled and is (or may be) the default class.",
        "- **No StorageClass by default**: with no `storage` block a cluster gets no StorageClass at all, on k3s too (its local-path addon is disabled, see above). Enable a provider under `storage` and pick `storage.defaultClass`.",
        "- **Storage reclaim policy**: `Retain` for every provider's classes, so a deleted PVC leaves its volume behind.",
        "- **Load balancer**: `loadBalancer.provider` defaults to `none`: LoadBalancer Services stay pending until you pick one.",
        "",
        "## Credentials",
        "",
        "Never in a stack file: set each with `pulumi config set --secret`. `validate` lists the ones the config needs, set or",
        "missing; a missing one is a warning offline (`validate`, `plan`) and an error under `pulumi preview` / `pulumi up`.",
        "",
        ...table(
            ["key", "what", "set with"],
            [...secretKeys.map((k) => [`\`homelab:${k}\``, secretPurpose[k], `\`${setSecretCommand(k)}\``]), ["`cloudflare:apiToken`", secretPurpose.cloudflareApiToken, `\`${setSecretCommand("cloudflare:apiToken")}\``]],
        ),
        "",
    ];
    out.push(
        "## Finding ids",
        "",
        "`npm run validate -- --json` gives every finding a stable `rule` id (`{ rule, severity, path, line, column, value, message }`):",
        "",
        ...table(
            ["id", "severity", "what"],
            [
                ["`yaml-syntax`", "error", "the stack file is not valid YAML (duplicate keys included); `line`/`column` point at the error"],
                ["`missing-config-root`", "error", "the file has no `config:` mapping (keys at the top level, or none at all)"],
                ["`unknown-stack-file-key`", "warning", "a top-level key Pulumi does not read"],
                ["`unknown-namespace`", "error", "a key in a namespace neither the project nor a provider it uses reads"],
                ["`unknown-provider-key`", "error", "a provider key its SDK does not declare (case included)"],
                ["`unknown-key`", "error", "a `homelab:` key or field the schema does not know (with a did-you-mean)"],
                ["`required-key`", "error", "a required key or field is missing"],
                ["`invalid-type`, `invalid-format`, `invalid-value`, `too-small`, `too-big`, `invalid-union`, `custom`", "error", "a value the schema rejects (zod's issue code, `_` written `-`)"],
                ["`credential-plaintext`", "error", "a credential written in plain text instead of `secure:`"],
                ["`credential-missing`", "warning (error under `pulumi preview/up`)", "a credential the config needs is not set"],
                ["`talos-default-install-disk`, `talos-default-interface`", "warning", "Talos nodes left on `/dev/sda` / `eth0`"],
                ["`talos-version-unsupported`, `kubernetes-version-unsupported`, `k3s-version-unsupported`", "warning", "a version outside `supportedVersions`"],
                ...errorRules.filter((r) => r.name !== "").map((r) => [`\`${ruleId(r.name)}\``, "error", "cross-field rule (config/rules/; the id is the rule function's name)"]),
                ...warningRules.filter((r) => r.name !== "" && r.name !== "unsupportedVersions").map((r) => [`\`${ruleId(r.name)}\``, "warning", "cross-field rule (config/rules/; the id is the rule function's name)"]),
            ],
        ),
        "",
    );
    for (const [key, def] of Object.entries(configKeys)) {
        const schema = def.schema as unknown as Schema;
        const stacks = usedBy(key, usage);
        out.push(`## \`homelab:${key}\`${def.required ? " (required)" : ""}`, "");
        const d = project.config?.[key]?.description;
        if (d) out.push(`${d}.`, "");
        out.push(`Type: ${typeText(schema)}. Set by: ${stacks.length > 0 ? stacks.join(", ") : "no committed stack"}.`, "");
        const rows = rowsFor(key, schema, literals);
        if (rows.length > 0) {
            out.push(...table(["key", "type", "default", "description", "set by"], rows.map((r) => [`\`${r.key}\``, r.type, r.default, r.description, usedBy(r.key, usage).join(", ")])), "");
        }
    }
    return out.join("\n");
}

export const CONFIG_DOC = "docs/config.md";

export const help: CommandHelp = {
    usage: "npm run docs:config",
    summary: `Writes ${CONFIG_DOC}, the reference of every stack config key, from the zod schema (npm run docs writes it too).`,
    options: [],
};

if (require.main === module) {
    if (!handleHelp(process.argv.slice(2), help)) {
        fs.writeFileSync(path.join(ROOT, CONFIG_DOC), renderConfigReference());
        process.stdout.write(`wrote ${CONFIG_DOC}\n`);
    }
}
