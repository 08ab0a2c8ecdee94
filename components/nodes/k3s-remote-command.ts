/**
 * SSH commands of the k3s layer: `@pulumi/command` `remote.Command` with the one default this
 * program wants everywhere. Pinned to @pulumi/command 1.2.1: the registry's `latest` tag (4.5.0)
 * is a stale pre-1.0 build whose `remote.Command` drops `logging` and lacks the connection's
 * `hostKey`, `dialErrorLimit` and `perDialTimeout`.
 */
import { remote, types } from "@pulumi/command";
import type * as pulumi from "@pulumi/pulumi";

export const REMOTE_COMMAND_TYPE = "command:remote:Command";

export type RemoteConnectionArgs = types.input.remote.ConnectionArgs;
export type RemoteCommand = remote.Command;

/**
 * Options of every SSH command: `customTimeouts` is required by the type, because
 * @pulumi/command 1.2.1 has no timeout of its own and a k3s unit or an agent that cannot reach its
 * server can wait forever (FACTS §8; DESIGN "Lifecycle": bounded). The scripts bound their own
 * waits too; this is the engine's backstop.
 */
export type BoundedCommandOptions = pulumi.CustomResourceOptions & { readonly customTimeouts: pulumi.CustomTimeouts };

/**
 * A remote command whose previous stdout/stderr are never fed back into its next run
 * (`addPreviousOutputInEnv: false`): they may hold a kubeconfig.
 */
export function remoteCommand(name: string, args: remote.CommandArgs, opts: BoundedCommandOptions): remote.Command {
    return new remote.Command(name, { addPreviousOutputInEnv: false, ...args }, opts);
}
