// The one import of zod for the project's schemas. The page runs under a CSP without
// 'unsafe-eval', so zod must not probe eval() (Function("")) for its compiled fast path: the probe
// would be refused and reported as a policy violation. Setting jitless here, before any schema
// is built or parsed, keeps every bundle (the page and each worker) from probing.
import { z } from "zod";

z.config({ jitless: true });

export { z };
