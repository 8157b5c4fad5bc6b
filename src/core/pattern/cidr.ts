import type { IpRange } from './types';

// event-ruler only treats text of these shapes as an address (anything else is "Nonstandard"),
// which also keeps hostnames and IPv4-in-IPv6 forms out.
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

function hex(bytes: readonly number[]): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

function ipv4Bytes(text: string): number[] | undefined {
  const bytes: number[] = [];
  for (const octet of text.split('.')) {
    // Octets are decimal even with leading zeros, as Java's address parser reads them.
    const value = Number.parseInt(octet, 10);
    if (!(value <= 255)) return undefined;
    bytes.push(value);
  }
  return bytes;
}

function ipv6Bytes(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const bytes: number[] = [];
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    const value = Number.parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  return bytes;
}

/** What kind of text this is, as EventBridge sees it. */
export function classifyAddress(text: string): 'not-an-address' | 'invalid' | number[] {
  const v4 = IPV4_SHAPE.test(text);
  if (!v4 && !IPV6_SHAPE.test(text)) return 'not-an-address';
  return (v4 ? ipv4Bytes(text) : ipv6Bytes(text)) ?? 'invalid';
}

/** The canonical hex form of an address, or undefined when `text` is not one. */
export function addressKey(text: string): string | undefined {
  const bytes = classifyAddress(text);
  return typeof bytes === 'string' ? undefined : hex(bytes);
}

/** Parses a `cidr` operand; throws EventBridge's reason when it is malformed. */
export function parseCidr(value: string): IpRange {
  // Java's String.split drops trailing empty pieces; EventBridge inherits that.
  const pieces = value.split('/');
  while (pieces.length > 1 && pieces[pieces.length - 1] === '') pieces.pop();
  if (pieces.length !== 2) throw new Error("Malformed CIDR, one '/' required");
  const [address = '', maskText = ''] = pieces;
  if (!/^[+-]?[0-9]+$/.test(maskText) || Math.abs(Number(maskText)) > 2147483647) {
    throw new Error('Malformed CIDR, mask bits must be an integer');
  }
  const maskBits = Number(maskText);
  if (maskBits < 0) throw new Error('Malformed CIDR, mask bits must not be negative');
  const bytes = classifyAddress(address);
  if (bytes === 'not-an-address') throw new Error(`Nonstandard IP address: ${address}`);
  if (bytes === 'invalid') throw new Error(`Invalid IP address: ${address}`);
  // event-ruler refuses a full-length mask; an exact address is written as a plain value instead.
  if (bytes.length === 4 && maskBits > 31) throw new Error('IPv4 mask bits must be < 32');
  if (bytes.length === 16 && maskBits > 127) throw new Error('IPv6 mask bits must be < 128');
  const low: number[] = [];
  const high: number[] = [];
  bytes.forEach((byte, index) => {
    const bitsHere = Math.min(8, Math.max(0, maskBits - index * 8));
    const hostMask = 0xff >> bitsHere;
    low.push(byte & ~hostMask & 0xff);
    high.push(byte | hostMask);
  });
  return { low: hex(low), high: hex(high) };
}

export function isAddressInRange(text: string, range: IpRange): boolean {
  const key = addressKey(text);
  return key !== undefined && key.length === range.low.length && key >= range.low && key <= range.high;
}
