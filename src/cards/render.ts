import * as ACData from 'adaptivecards-templating';
import { readFileSync } from 'fs';
import { join } from 'path';
import { cardsFolder } from '../paths';
import { asPlainText } from './plainText';

/** An Adaptive Card (1.5) as sent to Teams. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

export const templateNames = [
  'create', 'create-kind', 'conversations', 'keywords', 'preparation', 'overview', 'question', 'agreements', 'review', 'finished', 'notice', 'followups', 'previous', 'people', 'shared',
  'coverage'
] as const;
export type TemplateName = (typeof templateNames)[number];

/** A line above the card: what failed, what to confirm (with the buttons that do it), or what happened. */
export interface CardMessage {
  kind: 'error' | 'warning' | 'info';
  text: string;
  actions?: CardAction[];
}

/** A button of a message: an Action.Execute with its verb and data. */
export interface CardAction {
  verb: string;
  title: string;
  data: Record<string, unknown>;
  style?: 'positive';
}

export interface CardHeader {
  eyebrow?: string;
  title: string;
  subtitle?: string;
}

const templates = new Map<string, ACData.Template>();
function template(name: string): ACData.Template {
  let loaded = templates.get(name);
  if (!loaded) {
    loaded = new ACData.Template(JSON.parse(readFileSync(join(cardsFolder, `${name}.json`), 'utf8')));
    templates.set(name, loaded);
  }
  return loaded;
}

/** Expands a card's own template and places it in the shared frame (header and message banner). */
export function renderCard(name: TemplateName, header: CardHeader, data: object, message?: CardMessage): AdaptiveCardJson {
  const inner = template(name).expand({ $root: data }) as { body: unknown[]; actions?: unknown[] };
  const card = template('frame').expand({
    $root: {
      eyebrow: header.eyebrow ?? '',
      title: header.title,
      subtitle: header.subtitle ?? '',
      message: message
        ? { ...message, actions: (message.actions ?? []).map((a) => ({ type: 'Action.Execute', ...a })) }
        : { kind: 'none', text: '', actions: [] },
      body: inner.body,
      actions: inner.actions ?? []
    }
  }) as AdaptiveCardJson;
  asPlainText(card.body);
  return card;
}
