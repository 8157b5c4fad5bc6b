/** Shapes of option values shared by the environment's options and the sweep command line. */

import { isKnownRegion } from './regions';

/** An AWS region name the SDK knows, such as `us-east-1`, `us-gov-west-1` or `eusc-de-east-1`. */
export function isRegionName(text: string): boolean {
  return isKnownRegion(text);
}

/** An absolute http: or https: URL: the SDK accepts no other scheme for an endpoint. */
export function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
