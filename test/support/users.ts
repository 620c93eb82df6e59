import type { TeamsUser } from './fakeConnector';

/** Someone in the tenant who takes no part in the conversation. */
export const stranger: TeamsUser = { id: '29:x', aadObjectId: '00000000-0000-0000-0000-00000000cccc', name: 'Mette Udenfor' };
