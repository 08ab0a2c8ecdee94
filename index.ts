// Entry point for `pulumi up` / `pulumi preview`. Everything lives in stacks/ so that the offline
// `npm run plan` runs exactly the same program under Pulumi's mock engine.
import { program } from "./stacks";

export = program();
