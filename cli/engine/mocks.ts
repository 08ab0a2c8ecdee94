/** The `pulumi.runtime.Mocks` implementation shared by `plan`, `validate` and the tests. */
import type * as pulumi from "@pulumi/pulumi";
import { invokeFakes, outputFakes } from "./fakes";

export interface MockOptions {
    /** Preview: ids and provider-computed outputs stay unknown, as on a fresh stack. */
    readonly preview: boolean;
    /** Extra invoke answers for a test, by token; they win over the shared table. */
    readonly invokes?: Readonly<Record<string, (args: Record<string, unknown>) => Record<string, unknown>>>;
}

export function makeMocks(opts: MockOptions): pulumi.runtime.Mocks {
    return {
        newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
            const inputs = args.inputs as Record<string, unknown>;
            if (opts.preview) {
                // An empty id is how the engine reports "not created yet": the SDK makes it unknown.
                return { id: undefined, state: inputs };
            }
            // A fake may choose the id (e.g. an image-factory schematic id derived from its input).
            const { id, ...extra } = outputFakes[args.type]?.(inputs, args.name) ?? {};
            return { id: typeof id === "string" ? id : `${args.name}-id`, state: { ...inputs, ...extra } };
        },
        call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
            const fake = opts.invokes?.[args.token] ?? invokeFakes[args.token];
            if (!fake) {
                throw new Error(`no offline answer for invoke ${args.token}: add one to cli/engine/fakes`);
            }
            return fake(args.inputs as Record<string, unknown>);
        },
    };
}
