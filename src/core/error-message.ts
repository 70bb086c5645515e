/** The message of whatever a promise rejected with or a `catch` caught: an Error's message, anything else as text. */
export function errorMessage(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
