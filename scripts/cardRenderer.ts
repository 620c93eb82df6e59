/// <reference lib="dom" />
// The function given to page.evaluate runs in the browser page.
import { join } from 'path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../src/paths';
import { openBrowser } from './headlessChromium';
import type { CardSample } from './cardSamples';
import hostConfig from './teamsHostConfig.json';

export interface RenderedCard {
  name: string;
  png: Buffer;
  /** Elements that stick out past the card's right edge: unreadable on a phone. */
  overflowing: string[];
  /** The rendered card's height in CSS pixels. */
  height: number;
}

const scripts = ['markdown-it/dist/markdown-it.min.js', 'adaptivecards/dist/adaptivecards.js'].map((s) => require.resolve(s));
const stylesheet = join(projectRoot, 'scripts', 'teamsCardStyle.css');

const danishDate = new Intl.DateTimeFormat('da-DK', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });

/**
 * Two inputs as Teams shows them rather than as the adaptivecards renderer in a browser would:
 * a compact multi-select is a closed list holding the chosen values (it opens on a click), not a
 * checkbox per choice; a date is Teams' own date field with its placeholder or the date written
 * the Danish way, not the browser's (here mm/dd/yyyy).
 */
function asTeamsShowsIt(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asTeamsShowsIt);
  if (!node || typeof node !== 'object') return node;
  const element = node as Record<string, any>;
  if (element.type === 'Input.Date') {
    const { min: _min, max: _max, ...field } = element;
    return { ...field, type: 'Input.Text', value: element.value ? danishDate.format(new Date(`${element.value}T00:00:00Z`)) : '' };
  }
  if (element.type === 'Input.ChoiceSet' && element.isMultiSelect && element.style !== 'expanded') {
    const chosen = String(element.value ?? '').split(',').filter(Boolean);
    const titles = (element.choices as { title: string; value: string }[]).filter((c) => chosen.includes(c.value)).map((c) => c.title);
    const shown = titles.length ? titles.join(', ') : (element.placeholder ?? '');
    return { ...element, isMultiSelect: false, style: 'compact', value: 'shown', choices: [{ title: shown, value: 'shown' }] };
  }
  return Object.fromEntries(Object.entries(element).map(([key, value]) => [key, asTeamsShowsIt(value)]));
}

/**
 * Renders cards as Teams' web client does: the official adaptivecards renderer, Markdown through
 * markdown-it, a Teams-like host config and stylesheet (Fluent UI's buttons and inputs), dates as
 * a Danish Teams client shows them, in headless Chromium, at the given width.
 */
export async function renderCards(samples: CardSample[], width: number): Promise<RenderedCard[]> {
  const browser = await openBrowser({ width: width + 40, height: 900 });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.setContent(`<html lang="da"><body style="margin:0;padding:20px;background:#F5F5F5"><div id="card" style="width:${width}px;background:#fff"></div></body></html>`);
    for (const path of scripts) await page.addScriptTag({ path });
    await page.addStyleTag({ path: stylesheet });
    const rendered: RenderedCard[] = [];
    for (const sample of samples) rendered.push(await renderOne(page, sample));
    return rendered;
  } finally {
    await browser.close();
  }
}

async function renderOne(page: Page, sample: CardSample): Promise<RenderedCard> {
  const { overflowing, height } = await page.evaluate(
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
      const overflowing = Array.from(container.querySelectorAll<HTMLElement>('*'))
        .filter((e) => e.getBoundingClientRect().right > edge && e.offsetParent !== null)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.innerText ?? '').slice(0, 40)}`);
      return { overflowing, height: container.getBoundingClientRect().height };
    },
    { card: asTeamsShowsIt(sample.card), config: hostConfig }
  );
  const png = await page.locator('#card').screenshot();
  return { name: sample.name, png, overflowing, height };
}
