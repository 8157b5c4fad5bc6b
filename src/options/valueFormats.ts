/** Shapes of option values shared by the environment's options and the sweep command line. */

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** An AWS region name such as `us-east-1` or `us-gov-west-1`. */
export function isRegionName(text: string): boolean {
  return REGION.test(text);
}

/** An absolute http: or https: URL: the SDK accepts no other scheme for an endpoint. */
export function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
