import type { PlannedAgreement } from '../domain/plan';
import type { Translator } from './catalog';

/**
 * How an agreement's follow-up stands, as the plan shows it. While nothing has happened to it, the
 * plan shows nothing, and last year's plan says it was not followed up (`showOpen`).
 */
export function followUpStatus(a: PlannedAgreement, tr: Translator, showOpen = false): string {
  if (a.followedUp) {
    const params = { date: tr.date(a.followedUp.on), name: a.followedUpByName ?? '', note: a.followedUp.note };
    return tr.t(a.followedUp.note ? 'followUp.doneWithNote' : 'followUp.done', params);
  }
  if (a.postponedFrom?.length) return tr.t('followUp.postponed', { dates: tr.list(a.postponedFrom.map((d) => tr.date(d))) });
  return showOpen ? tr.t('followUp.open') : '';
}
