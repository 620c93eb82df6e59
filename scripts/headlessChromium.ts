import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Debian's headless Chromium with a fresh profile and no background networking; anything not on
 * 127.0.0.1 (the emulator page's CDN fonts and scripts) is refused, as there is no network.
 */
export async function openBrowser(viewport = { width: 1400, height: 1000 }): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'da-DK',
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  return context;
}
