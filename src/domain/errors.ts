/**
 * Why an action was refused. The code selects a message in the user's language; the domain never
 * holds user-facing text itself.
 */
export type DomainErrorCode =
  | 'not_participant'
  | 'not_leader'
  | 'finished'
  | 'cancelled'
  | 'cancel_started'
  | 'not_preparing'
  | 'not_holding'
  | 'picks_missing'
  | 'not_finished'
  | 'keyword_count'
  | 'keyword_unknown'
  | 'keyword_duplicate'
  | 'employee_is_leader'
  | 'kind_unavailable'
  | 'member_count'
  | 'agreement_member'
  | 'members_without_plan'
  | 'not_direct_report'
  | 'date_invalid'
  | 'date_past'
  | 'time_invalid'
  | 'meeting_unchanged'
  | 'not_booked'
  | 'text_required'
  | 'text_too_long'
  | 'responsible_not_participant'
  | 'value_target_unknown'
  | 'perspective_unknown'
  | 'question_unknown'
  | 'agreement_not_found'
  | 'plan_empty'
  | 'plan_incomplete'
  | 'not_responsible'
  | 'already_followed_up'
  | 'date_unchanged'
  | 'notes_removed'
  | 'postpone_without_date';

export interface DomainError {
  code: DomainErrorCode;
  /** Values for the message, such as the field's label key or a count. */
  params?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: DomainErrorCode, params?: DomainError['params']): Result<T> => ({
  ok: false,
  error: { code, params }
});
