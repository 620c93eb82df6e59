import { loadConfig } from '../../src/config';

const graph = { GRAPH_TENANT_ID: 'tenant-a', GRAPH_CLIENT_ID: 'client-a', GRAPH_CLIENT_SECRET: 'secret' };

describe('the HR overview\'s configuration', () => {
  it('is off by default, and so is the leader\'s keyword picture', () => {
    expect(loadConfig({}).hr).toEqual({ units: { by: 'department' }, directoryMaxAgeMs: 900000, keywordTrends: false });
  });

  it('takes the HR group as an Entra object id, and needs the app\'s own Graph identity to ask with', () => {
    const id = '7a1e0c55-0000-4000-8000-0000000000a1';
    expect(loadConfig({ HR_GROUP_ID: id, ...graph }).hr.groupId).toBe(id);
    expect(() => loadConfig({ HR_GROUP_ID: 'HR-gruppen', ...graph })).toThrow(/HR_GROUP_ID: skriv gruppens objekt-id/);
    expect(() => loadConfig({ HR_GROUP_ID: id })).toThrow(/HR_GROUP_ID kræver GRAPH_TENANT_ID/);
  });

  it('divides by the manager chain only from a named top', () => {
    expect(loadConfig({ HR_UNITS: 'manager', HR_TOP_MANAGER: 'aad-top' }).hr.units).toEqual({ by: 'manager', top: 'aad-top' });
    expect(() => loadConfig({ HR_UNITS: 'manager' })).toThrow(/HR_UNITS=manager kræver HR_TOP_MANAGER/);
    expect(() => loadConfig({ HR_UNITS: 'tree' })).toThrow(/HR_UNITS/);
    expect(loadConfig({ LUS_KEYWORD_TRENDS: 'true' }).hr.keywordTrends).toBe(true);
  });
});
