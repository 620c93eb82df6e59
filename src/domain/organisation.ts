/**
 * The organisation as the directory describes it, and its units for the HR overview: by
 * department (each department, and within it each leader's people), or by the manager chain from
 * a chosen top (each leader's unit holds everyone below them).
 */
export interface OrganisationMember {
  id: string;
  name: string;
  department?: string;
  managerId?: string;
}

export interface OrganisationUnit {
  id: string;
  name: string;
  kind: 'organisation' | 'department' | 'leader';
  /** The people counted in this unit itself; the unit's figures also count every unit below. */
  memberIds: string[];
  children: OrganisationUnit[];
}

export type UnitRule = { by: 'department' } | { by: 'manager'; top: string };

export const ORGANISATION = 'org';

/** The unit tree, the organisation at its root. */
export function organisationUnits(members: OrganisationMember[], rule: UnitRule, names: { organisation: string; noDepartment: string; noLeader: string }): OrganisationUnit {
  const byId = new Map(members.map((m) => [m.id, m]));
  const nameOf = (id: string) => byId.get(id)?.name || id;
  const sorted = (units: OrganisationUnit[]) => units.sort((a, b) => a.name.localeCompare(b.name, 'da'));

  if (rule.by === 'department') {
    const departments = new Map<string, OrganisationMember[]>();
    for (const m of members) {
      const department = m.department?.trim() || '';
      departments.set(department, [...(departments.get(department) ?? []), m]);
    }
    const children = [...departments].map(([department, people]): OrganisationUnit => {
      const id = `dep:${department}`;
      const leaders = new Map<string, string[]>();
      for (const p of people) leaders.set(p.managerId ?? '', [...(leaders.get(p.managerId ?? '') ?? []), p.id]);
      return {
        id,
        name: department || names.noDepartment,
        kind: 'department',
        memberIds: [],
        children: sorted([...leaders].map(([leader, ids]) => ({ id: `${id}|mgr:${leader}`, name: leader ? nameOf(leader) : names.noLeader, kind: 'leader', memberIds: ids, children: [] })))
      };
    });
    return { id: ORGANISATION, name: names.organisation, kind: 'organisation', memberIds: [], children: sorted(children) };
  }

  const reports = new Map<string, string[]>();
  for (const m of members) if (m.managerId) reports.set(m.managerId, [...(reports.get(m.managerId) ?? []), m.id]);
  // A manager chain that loops (a directory error) is cut where it comes back.
  const seen = new Set<string>([rule.top]);
  const unitOf = (leaderId: string): OrganisationUnit => {
    const direct = (reports.get(leaderId) ?? []).filter((id) => !seen.has(id));
    direct.forEach((id) => seen.add(id));
    const children = direct.filter((id) => reports.has(id)).map(unitOf);
    return { id: `mgr:${leaderId}`, name: nameOf(leaderId), kind: 'leader', memberIds: direct, children: sorted(children) };
  };
  const top = unitOf(rule.top);
  return { ...top, id: ORGANISATION, name: names.organisation, kind: 'organisation', memberIds: byId.has(rule.top) ? [rule.top, ...top.memberIds] : top.memberIds };
}

/** Every unit by id, with the unit above it. */
export function unitIndex(root: OrganisationUnit): Map<string, { unit: OrganisationUnit; parent?: OrganisationUnit }> {
  const index = new Map<string, { unit: OrganisationUnit; parent?: OrganisationUnit }>();
  const walk = (unit: OrganisationUnit, parent?: OrganisationUnit) => {
    index.set(unit.id, { unit, parent });
    for (const child of unit.children) walk(child, unit);
  };
  walk(root);
  return index;
}

/** Everyone in a unit and every unit below it. */
export function everyoneIn(unit: OrganisationUnit): string[] {
  return [...unit.memberIds, ...unit.children.flatMap(everyoneIn)];
}

/** The people who lead someone: a LUS counts for them. */
export function leadersAmong(members: OrganisationMember[]): Set<string> {
  return new Set(members.flatMap((m) => (m.managerId ? [m.managerId] : [])));
}
