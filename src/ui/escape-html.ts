/**
 * Escapes text for the few places Leaflet takes HTML strings (the attribution control). Everywhere else text is
 * set with `textContent` or rendered by React, which escape by construction.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `escapeHtml('<img src=x>') === '&lt;img src=x&gt;'`; safe in element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}
