/** Shapes of option values shared by the environment's options and the sweep command line. */

/** An absolute http: or https: URL: the SDK accepts no other scheme for an endpoint. */
export function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
