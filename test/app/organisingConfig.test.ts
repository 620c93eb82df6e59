import { loadConfig } from '../../src/config';

const graph = { GRAPH_TENANT_ID: 'tenant-a', GRAPH_CLIENT_ID: 'client-a', GRAPH_CLIENT_SECRET: 'secret' };
const CATALOG_ID = 'b2f7c1d0-0000-4000-8000-0000000000c1';

describe('the settings for organising the conversation through Graph', () => {
  it('installs and books nothing by default', () => {
    expect(loadConfig({}).installApp).toBeUndefined();
    expect(loadConfig({}).bookMeetings).toBeUndefined();
  });

  it('books meetings with the catalog id to install the app in their chats, and the app\'s own Graph identity', () => {
    expect(loadConfig({ GRAPH_BOOK_MEETINGS: 'true', TEAMS_APP_CATALOG_ID: CATALOG_ID, ...graph }).bookMeetings).toEqual({ catalogId: CATALOG_ID, followMs: 600_000 });
    expect(loadConfig({ GRAPH_BOOK_MEETINGS: 'true', TEAMS_APP_CATALOG_ID: CATALOG_ID, GRAPH_CALENDAR_FOLLOW_MS: '60000', ...graph }).bookMeetings?.followMs).toBe(60_000);
    expect(() => loadConfig({ GRAPH_BOOK_MEETINGS: 'true', ...graph })).toThrow('GRAPH_BOOK_MEETINGS=true kræver TEAMS_APP_CATALOG_ID');
    expect(() => loadConfig({ GRAPH_BOOK_MEETINGS: 'true', TEAMS_APP_CATALOG_ID: CATALOG_ID })).toThrow(/kræver GRAPH_TENANT_ID/);
  });

  it('installs the app for participants from its catalog id, with the app\'s own Graph identity', () => {
    expect(loadConfig({ GRAPH_INSTALL_APP: 'true', TEAMS_APP_CATALOG_ID: CATALOG_ID, ...graph }).installApp).toEqual({ catalogId: CATALOG_ID });
    expect(() => loadConfig({ GRAPH_INSTALL_APP: 'true', ...graph })).toThrow('GRAPH_INSTALL_APP=true kræver TEAMS_APP_CATALOG_ID');
    expect(() => loadConfig({ GRAPH_INSTALL_APP: 'true', TEAMS_APP_CATALOG_ID: CATALOG_ID })).toThrow(/GRAPH_BOOK_MEETINGS=true og HR_GROUP_ID kræver GRAPH_TENANT_ID/);
  });
});
