// Debian's Chromium for browser tests, plus the page steps they share: accessibility with axe-core, switching the
// language and screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const AXE_SCRIPT = path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');
export const SCREENSHOT_DIR = path.join(repoRoot, '.test-data', 'screenshots');

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
  // Colours still fading (a button's hover or pressed transition) would be measured half-way. Endless
  // animations (a spinner) never finish, so only finite ones are waited for, and never over 2 s.
  await page.evaluate(() => {
    const finite = document
      .getAnimations()
      .filter((animation) => Number.isFinite(Number(animation.effect?.getComputedTiming().endTime)));
    return Promise.race([
      Promise.all(finite.map((animation) => animation.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
  });
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

/** Fails the test with the list of problems when axe-core finds serious or critical ones on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
}

/** Switches the page's language with the language buttons and waits until the document says it is in it. */
export async function chooseLanguage(page: Page, locale: 'en' | 'bn'): Promise<void> {
  await page.getByTestId(`language-${locale}`).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
}

export interface ScreenshotView {
  /** The element to scroll into view; the window is photographed there instead of the whole page. */
  at: Locator;
  /** Where in the window the element lands. */
  block: 'start' | 'center';
}

/** Saves `<name>.png`: the whole page from its top or, with `view`, the window scrolled to one element. */
export async function saveScreenshot(page: Page, name: string, view?: ScreenshotView): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Bengali glyphs arrive as a web font; a screenshot taken before it loads shows fallback boxes.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (view) {
    await view.at.evaluate((element, block) => element.scrollIntoView({ block }), view.block);
  } else {
    // Sticky header and navigation are drawn where the page is scrolled to, so start from the top.
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await ensureRendering(page);
  try {
    await page.screenshot({ path: file, fullPage: !view, timeout: 15_000 });
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TimeoutError') throw error;
    // A renderer that stopped producing frames holds the capture; a resize makes it draw again.
    await ensureRendering(page, true);
    await page.screenshot({ path: file, fullPage: !view, timeout: 30_000 });
  }
  return file;
}

/**
 * Makes sure the page draws frames before a step that needs one (a screenshot, a click that waits for
 * the element to be stable). A tab left idle for minutes on a busy machine has been seen to stop
 * drawing until it is brought to the front and resized.
 */
export async function ensureRendering(page: Page, force = false): Promise<void> {
  const drawsFrames = () =>
    page
      .evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), 3_000);
            requestAnimationFrame(() => {
              clearTimeout(timer);
              resolve(true);
            });
          }),
      )
      .catch(() => false);
  const drawsFramesSoon = () =>
    Promise.race([drawsFrames(), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))]);
  if (!force && (await drawsFramesSoon())) return;
  await page.bringToFront();
  const size = page.viewportSize();
  if (size) {
    await page.setViewportSize({ width: size.width, height: size.height + 1 });
    await page.setViewportSize(size);
  }
  if (!(await drawsFramesSoon())) {
    console.warn(`[browser] ${page.url()} still draws no frames after being brought to the front`);
  }
}
