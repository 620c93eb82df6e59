/// <reference lib="dom" />
// The function given to page.evaluate runs in the browser page.
import type { Page } from 'playwright-core';
import { openBrowser } from './headlessChromium';
import type { CardSample } from './cardSamples';
import hostConfig from './teamsHostConfig.json';

export interface RenderedCard {
  name: string;
  png: Buffer;
  /** Elements that stick out past the card's right edge: unreadable on a phone. */
  overflowing: string[];
}

const scripts = ['markdown-it/dist/markdown-it.min.js', 'adaptivecards/dist/adaptivecards.js'].map((s) => require.resolve(s));

/**
 * Renders cards as Teams' web client does: the official adaptivecards renderer, Markdown through
 * markdown-it, a Teams-like host config, in headless Chromium, at the given width.
 */
export async function renderCards(samples: CardSample[], width: number): Promise<RenderedCard[]> {
  const browser = await openBrowser({ width: width + 40, height: 900 });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.setContent(`<html><body style="margin:0;padding:20px;background:#EBEBEB"><div id="card" style="width:${width}px;background:#fff"></div></body></html>`);
    for (const path of scripts) await page.addScriptTag({ path });
    const rendered: RenderedCard[] = [];
    for (const sample of samples) rendered.push(await renderOne(page, sample));
    return rendered;
  } finally {
    await browser.close();
  }
}

async function renderOne(page: Page, sample: CardSample): Promise<RenderedCard> {
  const overflowing = await page.evaluate(
    ({ card, config }) => {
      const w = window as unknown as { AdaptiveCards: any; markdownit: any };
      const markdown = w.markdownit();
      w.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml: string; didProcess: boolean }) => {
        result.outputHtml = markdown.render(text);
        result.didProcess = true;
      };
      const adaptiveCard = new w.AdaptiveCards.AdaptiveCard();
      adaptiveCard.hostConfig = new w.AdaptiveCards.HostConfig(config);
      adaptiveCard.parse(card);
      const container = document.getElementById('card')!;
      container.replaceChildren(adaptiveCard.render());
      const edge = container.getBoundingClientRect().right + 1;
      return Array.from(container.querySelectorAll<HTMLElement>('*'))
        .filter((e) => e.getBoundingClientRect().right > edge && e.offsetParent !== null)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.innerText ?? '').slice(0, 40)}`);
    },
    { card: sample.card, config: hostConfig }
  );
  const png = await page.locator('#card').screenshot();
  return { name: sample.name, png, overflowing };
}
