import { cardSamples } from '../../scripts/cardSamples';
import { renderCards } from '../../scripts/cardRenderer';

jest.setTimeout(120000);

describe('every card rendered by the Adaptive Cards renderer', () => {
  it.each(['da', 'en'] as const)('fits a 320 px phone screen with nothing sticking out (%s)', async (locale) => {
    const rendered = await renderCards(cardSamples(locale), 320);
    expect(rendered.length).toBeGreaterThan(10);
    for (const card of rendered) {
      expect({ card: card.name, overflowing: card.overflowing }).toEqual({ card: card.name, overflowing: [] });
      expect(card.png.length).toBeGreaterThan(1000);
    }
    // The 33 keywords take one line: a checkbox each made the card about 1,950 px on a desktop, more on a phone.
    expect(rendered.find((c) => c.name === 'keywords')!.height).toBeLessThan(1200);
  });
});
