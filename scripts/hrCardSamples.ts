import type { UnitSummary, UnitView } from '../src/app/hrOverview';
import { hrOverviewCard, hrRefusalCard } from '../src/cards/hrViews';
import { yearlyCard } from '../src/cards/followUpViews';
import { emptyFigures, type CoverageFigures } from '../src/domain/coverage';
import type { Translator } from '../src/i18n/catalog';
import type { CardSample } from './cardSamples';

function figures(employees: number, covered: number, extra: Partial<CoverageFigures> = {}): CoverageFigures {
  const planned = Math.floor((employees - covered) / 3);
  return {
    ...emptyFigures(), employees, covered, planned, overdue: employees - covered - planned, never: Math.floor((employees - covered - planned) / 2),
    byKind: { MUS: covered - Math.floor(covered / 4), GRUS: Math.floor(covered / 4), LUS: Math.floor(covered / 20) },
    dueSoon: Math.floor(covered / 10), leaders: Math.ceil(employees / 15), leadersCovered: Math.floor(employees / 20),
    filed: covered, agreementsDue: covered * 2, agreementsOnTime: Math.floor(covered * 1.6), ...extra
  };
}

const unit = (id: string, name: string, f: CoverageFigures, hasUnits = true): UnitSummary => ({ id, name, kind: 'department', figures: f, hasUnits });

/** The HR overview's cards and the leader's own picture for their LUS, for the gallery and the card tests. */
export function hrCardSamples(tr: Translator): CardSample[] {
  const departments = ['Teknik og Miljø', 'Skole og Dagtilbud', 'Sundhed og Omsorg', 'Borgerservice', 'Økonomi og Løn', 'Kultur og Fritid', 'Social og Handicap', 'Beskæftigelse', 'Direktionen', 'HR og Personale', 'IT og Digitalisering', 'Plan og Byg', 'Natur og Klima', 'Ejendomme', 'Kommunikation', 'Jura', 'Indkøb', 'Park og Vej'];
  const units = departments.map((name, i) => unit(`dep:${name}`, name, figures(40 + ((i * 37) % 160), 20 + ((i * 23) % 40))));
  const overview: UnitView = {
    unit: { id: 'org', name: tr.t('hr.organisation'), kind: 'organisation', figures: figures(3120, 2480), hasUnits: true },
    path: [],
    units: units.sort((a, b) => a.figures.covered / a.figures.employees - b.figures.covered / b.figures.employees),
    period: { from: '2025-11-26', to: '2026-11-25' },
    exportUrl: 'https://udviklingssamtale.kommune.example/hr/udviklingssamtaler.csv?p=aad-hanne&e=1&s=s'
  };
  const leaders = ['Lene Løvgren', 'Ahmad Jensen', 'Mette Østergaard'].map((name, i) => ({ ...unit(`dep:Borgerservice|mgr:${i}`, name, figures(12 + i, 9 + i), false), kind: 'leader' as const }));
  const borgerservice: UnitView = { ...overview, unit: unit('dep:Borgerservice', 'Borgerservice', figures(39, 30)), path: [{ id: 'org', name: tr.t('hr.organisation') }], units: leaders };
  const trend = { year: '2026', contributors: 11, keywords: [['Samarbejde', 7], ['Feedback', 6], ['Trivsel', 5], ['Kompetencer', 4], ['Mod', 3], ['Ansvar', 3], ['Økonomi', 2]].map(([keyword, count]) => ({ keyword: String(keyword), count: Number(count) })) };
  const person = (id: string, name: string) => ({ id, name });
  return [
    { name: 'hr-overview', card: hrOverviewCard(overview, 0, tr, 30) },
    { name: 'hr-overview-unit', card: hrOverviewCard(borgerservice, 0, tr, 30) },
    { name: 'hr-refused', card: hrRefusalCard({ kind: 'refused' }, tr) },
    {
      name: 'yearly-overview-lus-picture',
      card: yearlyCard([{ person: person('aad-soeren', 'Søren Ærø'), status: 'ok', last: '2026-03-14', due: '2027-03-14' }, { person: person('aad-ahmad', 'Ahmad Jensen'), status: 'never' }], true, tr, { trend })
    },
    { name: 'yearly-overview-lus-too-few', card: yearlyCard([{ person: person('aad-soeren', 'Søren Ærø'), status: 'overdue', last: '2025-03-14', due: '2026-03-14' }], true, tr, {}) }
  ];
}
