// Adds lockfile entries for platform-only optional packages that the package registry our
// machines reach does not serve (it answers 404 for, e.g., unrs-resolver's Windows and macOS
// bindings, which Jest 30 depends on optionally). npm cannot lock what it cannot fetch, and
// `npm ci` then refuses the lockfile as out of sync. An entry with the package's os and cpu
// lets `npm ci` skip it on other platforms, exactly as it would with the real metadata.
// Run after changing dependencies: `npm install && node tools/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
const added = [];

for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key] || packages[`${location}/node_modules/${name}`]) continue;
    // Binding packages are named <os>-<cpu>[-<abi>], e.g. @unrs/resolver-binding-win32-x64-msvc.
    const platform = /-(android|darwin|freebsd|linux|openharmony|win32)-([a-z0-9]+)/.exec(name);
    if (platform) {
      const [, os, cpu] = platform;
      packages[key] = { version, dev: entry.dev === true, optional: true, os: [os], cpu: [cpu] };
      added.push(name);
      continue;
    }
    // Windows-only helpers named in words, e.g. napi-windows-process-start-time (Vite's, for
    // Vitest). Its range is a caret one: a lockfile needs a version, the lowest it allows.
    if (/(^|[-/])windows-/.test(name)) {
      packages[key] = { version: version.replace(/^[\^~]/, ''), dev: entry.dev === true, optional: true, os: ['win32'] };
      added.push(name);
    }
  }
}

writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added lockfile entries for ${added.join(', ')}` : 'lockfile already complete');
