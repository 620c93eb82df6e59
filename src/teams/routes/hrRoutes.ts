import type { HrOverview } from '../../app/hrOverview';
import { hrOverviewCard, hrRefusalCard } from '../../cards/hrViews';
import type { AdaptiveCardJson } from '../../cards/render';
import { ORGANISATION } from '../../domain/organisation';
import type { Translator } from '../../i18n/catalog';
import type { ActionFrame } from '../actionFrame';
import { textCommands } from '../textCommands';
import { actorOf } from '../turnHelpers';

export interface HrRouteDependencies {
  hr: HrOverview;
  annualNoticeDays: number;
}

/**
 * The HR overview in the 1:1 chat: `hr-oversigt` (or `status`), and drilling down through the
 * units. Whether the person may see it is asked of the directory on every request (the person is
 * Teams' word, never the card's); anyone else is refused, and nothing is shown.
 */
export function hrRoutes(frame: ActionFrame, deps: HrRouteDependencies): void {
  async function overview(actorId: string, unitId: string, page: number, tr: Translator): Promise<AdaptiveCardJson> {
    const outcome = await deps.hr.view(actorId, unitId, tr);
    if (outcome.kind !== 'shown') return hrRefusalCard(outcome, tr);
    return hrOverviewCard(outcome.view, page, tr, deps.annualNoticeDays);
  }

  const personal = (conversationType: string | undefined) => conversationType === 'personal';

  frame.command(textCommands.hrOverview.pattern, async (context, tr) => {
    // In a group chat everyone would see the card: the overview is for the HR member's own chat.
    if (!personal(context.activity.conversation?.conversationType)) return tr.t('hr.onlyPersonal');
    return overview(actorOf(context), ORGANISATION, 0, tr);
  });
  frame.on('hr.unit', async ({ context, actorId, data, tr }) => {
    if (!personal(context.activity.conversation?.conversationType)) return hrRefusalCard({ kind: 'refused' }, tr);
    return overview(actorId, data.unit, data.page, tr);
  });
}
