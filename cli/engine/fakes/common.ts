/** Fakes for the Pulumi-maintained providers (random, command, kubernetes). */
import type { FakeTable } from "./index";

export const commonFakes: FakeTable = {
    outputs: {
        "random:index/randomPassword:RandomPassword": (_i, name) => ({ result: `fake-password-${name}`, bcryptHash: `$2a$10$fakehashfakehashfakehash.${name}` }),
        "random:index/randomBytes:RandomBytes": (_i, name) => ({ base64: Buffer.from(`fake-bytes-${name}`.padEnd(32, "x")).toString("base64") }),
        "random:index/randomId:RandomId": (_i, name) => ({ hex: Buffer.from(name).toString("hex"), b64Std: Buffer.from(name).toString("base64") }),
    },
    invokes: {},
};
