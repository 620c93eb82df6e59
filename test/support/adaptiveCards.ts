import { searchDatasets } from '../../src/cards/inputs';

// The official Adaptive Cards object model (its UMD build: the package's lib/ is ESM Node cannot load).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/**
 * What the Adaptive Cards 1.5 object model objects to in a card: unknown element or action types,
 * invalid property values, properties from a later version, duplicate input ids.
 */
export function adaptiveCardProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(withoutTeamsPeoplePicker(card), context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  const validation = parsed.validateProperties();
  for (const event of validation.validationEvents) problems.push(event.message);
  return problems;
}

/**
 * Teams' people picker and typeahead search are an Input.ChoiceSet whose choices come from
 * `choices.data` (Data.Query over graph.microsoft.com/users, or a dataset the bot answers). Teams
 * renders them on 1.5 cards; the core schema only has them from 1.6. Checked here: the dataset is
 * Teams' own or one the bot answers, then validated as the plain choice set it extends.
 */
function withoutTeamsPeoplePicker(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutTeamsPeoplePicker);
  if (!node || typeof node !== 'object') return node;
  const element = node as Record<string, unknown>;
  const query = element['choices.data'] as { type?: string; dataset?: string } | undefined;
  if (element.type === 'Input.ChoiceSet' && query) {
    const known = /^graph\.microsoft\.com\/users(\?scope=currentContext)?$/.test(query.dataset ?? '') || (Object.values(searchDatasets) as string[]).includes(query.dataset ?? '');
    if (query.type !== 'Data.Query' || !known) {
      throw new Error(`unsupported choices.data: ${JSON.stringify(query)}`);
    }
    const { ['choices.data']: _query, ...plain } = element;
    return { ...plain, choices: [{ title: 'person', value: 'person' }] };
  }
  return Object.fromEntries(Object.entries(element).map(([key, value]) => [key, withoutTeamsPeoplePicker(value)]));
}
