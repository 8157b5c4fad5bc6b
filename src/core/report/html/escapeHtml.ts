const HTML_SPECIAL = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML text or a quoted attribute value: `&`, `<`, `>` and both quotes as entities, so
 * nothing in it is read as markup. For the few values the shell writes itself (the title, the
 * summary); everything from the events is put in the page by the script, as text nodes.
 */
export function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (character) => ENTITIES[character] ?? character);
}
