/**
 * `command:remote:Command` with the inputs of the real pulumi-command provider v1.2.1.
 *
 * Why not `new remote.Command(...)` from the installed `@pulumi/command`: the npm package pinned
 * in package.json (4.5.0, the registry's `latest` tag) is a stale pre-1.0 SDK build. Its
 * constructor copies only connection/create/delete/environment/stdin/triggers/update and so
 * silently drops `logging` (needed to keep the kubeconfig out of the logs), and its typings lack
 * the connection's `hostKey`, `dialErrorLimit` and `perDialTimeout`; its version also asks the
 * CLI for a `command` plugin v4.5.0, which pulumi/pulumi-command never released (tags end at
 * v1.2.1). This class registers the same type token with the v1.2.1 input names (schema:
 * pulumi/pulumi-command provider/cmd/pulumi-resource-command/schema.json) and pins the plugin
 * version, so the real CLI installs the real provider. Switching to `@pulumi/command@1.2.1`
 * means replacing this class with `remote.Command` (same token, same inputs).
 */
import * as pulumi from "@pulumi/pulumi";

/** Provider plugin the registrations ask for. */
export const COMMAND_PLUGIN_VERSION = "1.2.1";
export const REMOTE_COMMAND_TYPE = "command:remote:Command";

/** `command:remote:Connection` (v1.2.1). */
export interface RemoteConnectionArgs {
    host: pulumi.Input<string>;
    port?: pulumi.Input<number>;
    user?: pulumi.Input<string>;
    /** Secret in the provider schema. */
    privateKey?: pulumi.Input<string>;
    /** Expected host key (`ssh-ed25519 AAAA...`); unset = not checked. */
    hostKey?: pulumi.Input<string>;
    /** Dial attempts before giving up (-1 = unlimited). Provider default 10. */
    dialErrorLimit?: pulumi.Input<number>;
    /** Seconds per dial attempt (0 = no limit). Provider default 15. */
    perDialTimeout?: pulumi.Input<number>;
}

/** `command:remote:Command` inputs (v1.2.1). */
export interface RemoteCommandArgs {
    connection: pulumi.Input<RemoteConnectionArgs>;
    create?: pulumi.Input<string>;
    update?: pulumi.Input<string>;
    delete?: pulumi.Input<string>;
    stdin?: pulumi.Input<string>;
    environment?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Replace (re-run create) when any of these change. */
    triggers?: pulumi.Input<pulumi.Input<unknown>[]>;
    /** Which of stdout/stderr the provider logs: stdout, stderr, stdoutAndStderr, none. */
    logging?: pulumi.Input<"stdout" | "stderr" | "stdoutAndStderr" | "none">;
    /** Whether PULUMI_COMMAND_STDOUT/STDERR of the last run are passed to the command. */
    addPreviousOutputInEnv?: pulumi.Input<boolean>;
}

export class RemoteCommand extends pulumi.CustomResource {
    declare public readonly stdout: pulumi.Output<string>;
    declare public readonly stderr: pulumi.Output<string>;

    constructor(name: string, args: RemoteCommandArgs, opts: pulumi.CustomResourceOptions = {}) {
        super(
            REMOTE_COMMAND_TYPE,
            name,
            {
                connection: args.connection,
                create: args.create,
                update: args.update,
                delete: args.delete,
                stdin: args.stdin,
                environment: args.environment,
                triggers: args.triggers,
                logging: args.logging,
                // Outputs of a run are never fed back into the next one (they may hold secrets).
                addPreviousOutputInEnv: args.addPreviousOutputInEnv ?? false,
                stdout: undefined,
                stderr: undefined,
            },
            pulumi.mergeOptions({ version: COMMAND_PLUGIN_VERSION }, opts),
        );
    }
}
