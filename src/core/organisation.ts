/**
 * The organisation the app and its reports work for (shown in the app's header, on page 1 and in every report
 * footer): configurable, since other cities use the tool too.
 */

/**
 * Hải Phòng's department in charge of telecom infrastructure since the 2025 merger of the Department of Information
 * and Communications into the Department of Science and Technology.
 */
export const DEFAULT_ORGANISATION = 'Sở Khoa học và Công nghệ thành phố Hải Phòng';

/** Longest organisation name kept (a name, not a paragraph). */
export const MAX_ORGANISATION_CHARS = 160;

/**
 * An organisation name as typed: trimmed, at most MAX_ORGANISATION_CHARS; empty gives the default.
 *
 * @example organisationName('  Sở KH&CN Đà Nẵng ') // 'Sở KH&CN Đà Nẵng'
 */
export function organisationName(text: string): string {
  const trimmed = text.trim().slice(0, MAX_ORGANISATION_CHARS).trim();
  return trimmed === '' ? DEFAULT_ORGANISATION : trimmed;
}
