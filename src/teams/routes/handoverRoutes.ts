import type { HandoverAnswer, PlanHandover } from '../../app/handover';
import type { TurnContext } from 'botbuilder';
import type { Translator } from '../../i18n/catalog';
import type { ActionFrame } from '../actionFrame';
import { textCommands } from '../textCommands';
import { actorOf } from '../turnHelpers';

/** Handing plans over, as configured: possible (OneDrive, app-only, with the directory), needless (the archive), or not set up. */
export type HandoverSetting = { kind: 'available'; handover: PlanHandover } | { kind: 'archive' } | { kind: 'notAvailable' };

/** What the person who asked reads about a handover. */
export function handoverText(tr: Translator, answer: HandoverAnswer): string {
  switch (answer.kind) {
    case 'directoryUnavailable':
      return tr.t('handover.directoryUnavailable');
    case 'notFound':
    case 'ambiguous':
      return tr.t(`handover.${answer.kind}`, { name: answer.name });
    case 'notMoved':
      return tr.t('handover.notMoved', { employee: answer.employee.name });
    case 'inProgress':
      return tr.t('handover.inProgress', { employee: answer.employee.name, to: answer.to.name });
    case 'copied': {
      const params = { employee: answer.employee.name, from: answer.from.name, to: answer.to.name };
      if (answer.files.length === 0) return tr.t('handover.nothingCopied', params);
      return tr.t('handover.copied', { ...params, count: answer.files.length, files: tr.list(answer.files) });
    }
    case 'waiting': {
      const { failure } = answer;
      const reason = tr.t(`handover.reason.${failure.kind}`, { status: failure.status ?? '–', permission: failure.permission ?? '' });
      return tr.t('handover.waiting', { employee: answer.employee.name, to: answer.to.name, reason });
    }
  }
}

/**
 * `overdrag <name>` in the 1:1 chat (the answer names people and their plans). Who acts is
 * Teams' word; whether they may is decided by the directory, in the use case.
 */
export function handoverRoutes(frame: ActionFrame, setting: HandoverSetting, willTellLater: (context: TurnContext) => void): void {
  frame.command(textCommands.handover.pattern, async (context, tr) => {
    if (context.activity.conversation?.conversationType !== 'personal') return tr.t('handover.onlyPersonal');
    if (setting.kind !== 'available') return tr.t(setting.kind === 'archive' ? 'handover.inArchive' : 'handover.notAvailable');
    const name = textCommands.handover.pattern.exec(context.activity.text ?? '')?.[1];
    if (!name) return tr.t('handover.usage');
    const answer = await setting.handover.request({ id: actorOf(context), name: context.activity.from?.name ?? '' }, name);
    // A handover still to be copied is retried, and the person told in this chat how it went.
    if (answer.kind === 'waiting') willTellLater(context);
    return handoverText(tr, answer);
  });
}
