// Fails fast, in one sentence, when the Chromium the e2e tests drive is missing.
import { existsSync } from "node:fs";
import { chromiumPath as path } from "./chromium.mjs";
if (!existsSync(path)) {
  console.error(
    `No Chromium at ${path}: install Debian's with "sudo apt-get install -y chromium" (or set CHROMIUM_PATH to another Chromium), then run the tests again.`,
  );
  process.exit(1);
}
