import type { ConversationKind } from '../domain/concept';
import type { Person } from '../domain/conversation';

/** One plan copy for one personnel folder: the leader (the folder's owner) files it for the employee. */
export interface FilingRequest {
  conversationId: string;
  kind: ConversationKind;
  date: string;
  owner: Person;
  employee: Person;
  pdf: Buffer;
}

/**
 * Why filing failed, as the leader needs to hear it: the app lacks a permission (an administrator
 * must act), the service is unavailable for now (it will be retried), the request was refused, or
 * — filing as the leader — the leader must sign in first.
 */
export type FilingFailureKind = 'permission' | 'unavailable' | 'refused' | 'signIn';

export class FilingError extends Error {
  constructor(
    readonly kind: FilingFailureKind,
    readonly status: number | undefined,
    message: string,
    /** For 'permission': the Graph permission that is missing, as an administrator grants it. */
    readonly permission?: string
  ) {
    super(message);
  }
}

export interface FilingReceipt {
  /** A human-readable place: a path under the owner's OneDrive, or a folder on disk locally. */
  location: string;
  fileName: string;
  webUrl?: string;
}

/** Where finished plans go: a local folder in local mode, the owner's OneDrive through Graph in production. */
export interface FilingTarget {
  file(request: FilingRequest): Promise<FilingReceipt>;
}
