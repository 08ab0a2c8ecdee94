/** Fakes for the pulumiverse Talos provider (filled in with the Talos node layer). */
import type { FakeTable } from "./index";

export const talosFakes: FakeTable = {
    outputs: {},
    invokes: {},
};
