/** Fakes for the Cloudflare provider (filled in with the network layer). */
import type { FakeTable } from "./index";

export const cloudflareFakes: FakeTable = {
    outputs: {},
    invokes: {},
};
