import { translator } from '../../src/i18n/catalog';
import { CardDelivery, type CardDeliveryDependencies } from '../../src/teams/cardDelivery';
import { started } from '../support/conversations';

describe('the shared card of a held conversation', () => {
  const cards = new CardDelivery({ pictureUrl: () => '' } as unknown as CardDeliveryDependencies);
  const da = translator('da');

  it('is rendered once per revision and language, and anew with a message or a new revision', () => {
    const c = started();
    const first = cards.homeCard(c, [], da);
    expect(cards.homeCard(c, [], da)).toBe(first);
    expect(cards.homeCard(c, [], translator('en'))).not.toBe(first);
    expect(cards.homeCard(c, [], da, { message: { kind: 'info', text: 'Gemt.' } })).not.toBe(first);
    const next = { ...c, step: 1, revision: c.revision + 1 };
    expect(cards.homeCard(next, [], da)).not.toEqual(first);
  });
});
