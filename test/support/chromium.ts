// Debian's Chromium, headless, as the browser tests drive it (playwright-core; scripts/test-setup.sh
// installs it and sets CHROMIUM_PATH). Without the background-networking flags it tries to reach
// Google's hosts, which this machine's closed network refuses.
import { chromium, type Browser } from 'playwright-core';

/** `extraArgs`: more command-line switches, e.g. `--host-resolver-rules` for a page on a name of its own. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
