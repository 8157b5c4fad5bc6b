/**
 * CPU time of the process behind the emulator's port, read from Linux's /proc: how busy the
 * emulator was during a run. The emulator is one Python process whose work is serialised by the
 * interpreter lock, so its CPU seconds are a floor under any run's wall time. Elsewhere than on
 * Linux, or for an emulator this user cannot see, the reading is simply unavailable.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times: 100 on every Linux in common use. */
const CLOCK_TICKS = 100;
const TCP_LISTEN = '0A';

/** The pid of the process listening on `port` (IPv4 or IPv6), if it can be found. */
export function findListeningPid(port: number): number | undefined {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT", st the state, and the tenth field the socket's inode.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === TCP_LISTEN && fields[9]) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode !== undefined && inodes.has(inode)) return Number(pid);
      } catch {
        // The descriptor closed while we looked: not ours to worry about.
      }
    }
  }
  return undefined;
}

/** User + system CPU seconds the process has used so far; undefined once it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15, that is 11 and 12 after the state field (3).
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / CLOCK_TICKS : undefined;
  } catch {
    return undefined;
  }
}

/** Measures the emulator's CPU seconds over `action`, when the emulator's process is known. */
export async function withEmulatorCpu<T>(
  pid: number | undefined,
  action: () => Promise<T>,
): Promise<{ result: T; cpuS: number | undefined }> {
  const before = pid === undefined ? undefined : processCpuSeconds(pid);
  const result = await action();
  const after = pid === undefined ? undefined : processCpuSeconds(pid);
  return { result, cpuS: before === undefined || after === undefined ? undefined : after - before };
}
