import { addFigures, countIn, coveredShare, emptyFigures, periodOf, standingOf, type CoverageFigures } from '../domain/coverage';
import { todayIn } from '../domain/dates';
import { everyoneIn, leadersAmong, ORGANISATION, organisationUnits, unitIndex, type OrganisationUnit, type UnitRule } from '../domain/organisation';
import type { Translator } from '../i18n/catalog';
import type { Logger } from '../log';
import { coverageCsv, type CoverageRow } from './coverageCsv';
import type { CoverageIndex } from './coverageIndex';
import type { ExportLinks } from './exportLinks';
import { DirectoryError, type Clock, type HrMembership, type Organisation } from './ports';

export interface HrOverviewDependencies {
  /** Undefined: no HR group is configured, and the overview is off. */
  membership?: HrMembership;
  organisation: Organisation;
  index: CoverageIndex;
  units: UnitRule;
  clock: Clock;
  /** How many days before the yearly conversation is due that it counts as due soon. */
  annualNoticeDays: number;
  links: ExportLinks;
  log: Logger;
}

/** Why nothing is shown: the overview is off, the person is not in the HR group, or the directory could not say. */
export type HrRefusal = { kind: 'disabled' } | { kind: 'refused' } | { kind: 'unavailable'; permission?: string };

export interface UnitSummary {
  id: string;
  name: string;
  kind: OrganisationUnit['kind'];
  figures: CoverageFigures;
  /** It has units below it to drill down into. */
  hasUnits: boolean;
}

/** One unit as HR sees it: its figures and its units' — counts and dates only, never who. */
export interface UnitView {
  unit: UnitSummary;
  /** From the organisation down to the unit above this one. */
  path: { id: string; name: string }[];
  /** Its units, the ones furthest behind first. */
  units: UnitSummary[];
  period: { from: string; to: string };
  exportUrl: string;
}

/**
 * The HR overview: for the organisation and each unit, how many had their yearly conversation, how
 * many are overdue, how many plans were filed and how many agreements were followed up on time.
 * Only members of the HR group see it (asked of the directory on every request), and it counts
 * from the coverage index: one record per employee, never a conversation.
 */
export class HrOverview {
  constructor(private readonly deps: HrOverviewDependencies) {}

  get enabled(): boolean {
    return this.deps.membership !== undefined;
  }

  /** A unit (the organisation when the id is unknown) for an HR member; otherwise why not. */
  async view(actorId: string, unitId: string, tr: Translator): Promise<HrRefusal | { kind: 'shown'; view: UnitView }> {
    const refusal = await this.refusalFor(actorId);
    if (refusal) return refusal;
    const counted = await this.count(unitId, tr);
    if ('kind' in counted) return counted;
    const { root, figures, today } = counted;
    const index = unitIndex(root);
    const unit = index.get(unitId)?.unit ?? root;
    const path: { id: string; name: string }[] = [];
    for (let above = index.get(unit.id)?.parent; above; above = index.get(above.id)?.parent) path.unshift({ id: above.id, name: above.name });
    return {
      kind: 'shown',
      view: {
        unit: summary(unit, figures),
        path,
        units: unit.children.map((u) => summary(u, figures)).sort((a, b) => coveredShare(a.figures) - coveredShare(b.figures) || a.name.localeCompare(b.name, 'da')),
        period: periodOf(today),
        exportUrl: this.deps.links.urlFor(actorId)
      }
    };
  }

  /** Every unit's figures as a CSV file, for the person the export link was signed for, if they are still in the HR group. */
  async export(link: Record<string, unknown>, tr: Translator): Promise<{ csv: string; fileName: string } | undefined> {
    const personId = this.deps.links.verify(link);
    if (!personId || (await this.refusalFor(personId))) return undefined;
    const counted = await this.count(ORGANISATION, tr);
    if ('kind' in counted) return undefined;
    const rows: CoverageRow[] = [];
    const walk = (unit: OrganisationUnit, level: number, parent?: string) => {
      rows.push({ level, name: unit.name, parent, figures: counted.figures.get(unit.id) ?? emptyFigures() });
      for (const child of unit.children) walk(child, level + 1, unit.name);
    };
    walk(counted.root, 0);
    return { csv: coverageCsv(rows, periodOf(counted.today), tr), fileName: `${tr.t('hr.fileName')} ${counted.today}.csv` };
  }

  private async refusalFor(personId: string): Promise<HrRefusal | undefined> {
    const { membership, log } = this.deps;
    if (!membership) return { kind: 'disabled' };
    try {
      if (await membership.isHr(personId)) return undefined;
      log.info('hr overview refused', { person: personId });
      return { kind: 'refused' };
    } catch (error) {
      return unavailable(error, log);
    }
  }

  /**
   * The unit tree and the figures of `unitId`'s units and every unit below (the whole organisation
   * for its root): one coverage record read per person in it.
   */
  private async count(unitId: string, tr: Translator): Promise<HrRefusal | { root: OrganisationUnit; figures: Map<string, CoverageFigures>; today: string }> {
    const { organisation, index, clock, annualNoticeDays, log } = this.deps;
    let members;
    try {
      members = await organisation.members();
    } catch (error) {
      return unavailable(error, log);
    }
    const today = todayIn(clock.timeZone, clock.now());
    const root = organisationUnits(members, this.deps.units, { organisation: tr.t('hr.organisation'), noDepartment: tr.t('hr.noDepartment'), noLeader: tr.t('hr.noLeader') });
    const start = unitIndex(root).get(unitId)?.unit ?? root;
    const leaders = leadersAmong(members);
    const records = await index.of(everyoneIn(start));
    const figures = new Map<string, CoverageFigures>();
    const tally = (unit: OrganisationUnit): CoverageFigures => {
      const own = emptyFigures();
      for (const id of unit.memberIds) countIn(own, standingOf(records.get(id), today, annualNoticeDays), leaders.has(id));
      for (const child of unit.children) addFigures(own, tally(child));
      figures.set(unit.id, own);
      return own;
    };
    tally(start);
    return { root, figures, today };
  }
}

function summary(unit: OrganisationUnit, figures: Map<string, CoverageFigures>): UnitSummary {
  return { id: unit.id, name: unit.name, kind: unit.kind, figures: figures.get(unit.id) ?? emptyFigures(), hasUnits: unit.children.length > 0 };
}

function unavailable(error: unknown, log: Logger): HrRefusal {
  if (!(error instanceof DirectoryError)) throw error;
  log.warn('hr overview: directory unavailable', { kind: error.kind, status: error.status, permission: error.permission });
  return { kind: 'unavailable', ...(error.permission ? { permission: error.permission } : {}) };
}
