// Debian's Chromium for browser tests, plus the page checks they share: accessibility with axe-core and screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const AXE_SCRIPT = path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');
export const SCREENSHOT_DIR = path.join(repoRoot, '.screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      '--no-first-run',
    ],
  });
}

export interface AxeProblem {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The serious and critical accessibility violations axe-core finds on the page as it is now. */
export async function seriousAccessibilityProblems(page: Page): Promise<AxeProblem[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    type AxeResult = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Bengali glyphs arrive as a web font; a screenshot taken before it loads shows fallback boxes.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Sticky header and navigation are drawn where the page is scrolled to, so start from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
