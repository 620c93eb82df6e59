import type { HrRefusal, UnitView } from '../app/hrOverview';
import { percent } from '../app/coverageCsv';
import { coveredShare, type CoverageFigures } from '../domain/coverage';
import type { Translator } from '../i18n/catalog';
import { renderCard, type AdaptiveCardJson } from './render';
import { noticeCard } from './views';

/**
 * At most this many units on one card: with the figures and the buttons a page stays well within
 * Teams' size budget (test/teams/activityBudget.test.ts measures 500 units). The rest are a page away.
 */
export const UNITS_PER_PAGE = 15;

/** The HR overview of one unit: its figures, then its units, the furthest behind first, a page at a time. */
export function hrOverviewCard(view: UnitView, page: number, tr: Translator, noticeDays: number): AdaptiveCardJson {
  const pages = Math.max(1, Math.ceil(view.units.length / UNITS_PER_PAGE));
  const shown = Math.min(page, pages - 1);
  const units = view.units.slice(shown * UNITS_PER_PAGE, (shown + 1) * UNITS_PER_PAGE);
  const above = view.path[view.path.length - 1];
  return renderCard('coverage', { title: tr.t('hr.title'), subtitle: view.unit.name }, {
    path: view.path.length ? tr.t('hr.path', { path: view.path.map((p) => p.name).join(' › ') }) : '',
    intro: tr.t('hr.intro', { from: tr.date(view.period.from), to: tr.date(view.period.to) }),
    facts: facts(view.unit.figures, tr, noticeDays),
    unitsTitle: units.length ? tr.t('hr.unitsTitle') : '',
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      label: tr.t('hr.openLabel', { name: u.name }),
      summary: tr.t('hr.unitSummary', { covered: u.figures.covered, employees: u.figures.employees, percent: percent(u.figures.covered, u.figures.employees), overdue: u.figures.overdue, planned: u.figures.planned }),
      colour: colourOf(u.figures)
    })),
    open: tr.t('hr.open'),
    pageText: pages > 1 ? tr.t('hr.unitsPage', { first: shown * UNITS_PER_PAGE + 1, last: shown * UNITS_PER_PAGE + units.length, count: view.units.length }) : '',
    unitId: view.unit.id,
    previous: { title: tr.t('hr.previous'), page: shown > 0 ? shown - 1 : -1 },
    next: { title: tr.t('hr.next'), page: shown < pages - 1 ? shown + 1 : -1 },
    up: above ? { id: above.id, title: tr.t('hr.up') } : { id: '', title: '' },
    exportTitle: tr.t('hr.export'),
    exportNote: tr.t('hr.exportNote'),
    exportUrl: view.exportUrl
  });
}

/** The unit's figures as the card lists them; the export's columns hold the same numbers. */
function facts(f: CoverageFigures, tr: Translator, noticeDays: number): { title: string; value: string }[] {
  return [
    { title: tr.t('hr.employees'), value: tr.t('hr.employeesValue', { employees: f.employees, leaders: f.leaders }) },
    { title: tr.t('hr.covered'), value: tr.t('hr.coveredValue', { covered: f.covered, percent: percent(f.covered, f.employees) }) },
    { title: tr.t('hr.byKind'), value: tr.t('hr.byKindValue', { mus: f.byKind.MUS, grus: f.byKind.GRUS, lus: f.byKind.LUS }) },
    { title: tr.t('hr.leadersCovered'), value: tr.t('hr.leadersCoveredValue', { covered: f.leadersCovered, leaders: f.leaders }) },
    { title: tr.t('hr.dueSoon', { days: noticeDays }), value: String(f.dueSoon) },
    { title: tr.t('hr.planned'), value: String(f.planned) },
    { title: tr.t('hr.overdue'), value: tr.t('hr.overdueValue', { overdue: f.overdue, never: f.never }) },
    { title: tr.t('hr.filed'), value: String(f.filed) },
    {
      title: tr.t('hr.agreements'),
      value: f.agreementsDue ? tr.t('hr.agreementsValue', { onTime: f.agreementsOnTime, due: f.agreementsDue, percent: percent(f.agreementsOnTime, f.agreementsDue) }) : tr.t('hr.agreementsNone')
    }
  ];
}

function colourOf(f: CoverageFigures): string {
  const share = coveredShare(f);
  return share >= 0.9 ? 'Good' : share >= 0.6 ? 'Warning' : 'Attention';
}

/** Why the overview is not shown, on a card of its own: nothing else. */
export function hrRefusalCard(refusal: HrRefusal, tr: Translator): AdaptiveCardJson {
  const text = refusal.kind === 'unavailable' && refusal.permission ? tr.t('hr.permission', { permission: refusal.permission }) : tr.t(`hr.${refusal.kind}`);
  return noticeCard(tr, '', { kind: 'error', text }, tr.t('hr.title'));
}
