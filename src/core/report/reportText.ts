import { stripVTControlCharacters } from 'node:util';

/** Text as a terminal would show it, without its colours. */
export function plainText(text: string): string {
  return stripVTControlCharacters(text);
}

/** What a thrown value says, for a report: an Error's stack (else its name and message), anything else as text; no colours. */
export function errorText(error: unknown): string {
  return plainText(error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error));
}
