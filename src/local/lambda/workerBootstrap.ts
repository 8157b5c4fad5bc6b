/**
 * The code an execution environment's worker thread runs, as JavaScript source for a Worker made
 * with `{ eval: true }`. It is a string, not a file: the library runs from its TypeScript sources
 * under ts-jest and from dist/ once built, and a worker can load neither a .ts file nor a file the
 * build would have to copy; a string goes wherever this module goes. It is written as plain
 * CommonJS for the Node.js versions the package supports (no TypeScript, no template literals).
 *
 * What it does, as Lambda's Node.js runtime does: imports the handler's module once (its init
 * phase) with a dynamic import() of a file URL, so CommonJS and ES modules both load; finds the
 * export (a CommonJS module's exports are also looked up on its default export); then runs one
 * invocation at a time, with a `context` and a callback, and posts the outcome back.
 *
 * Messages to the host (`WorkerMessage` in executionEnvironment.ts):
 *   { type: 'loaded' }
 *   { type: 'load-failed', reason: 'missing-export', exports: string[] }
 *   { type: 'load-failed', reason: 'not-a-function', valueType: string }
 *   { type: 'init-error', error }                 the module threw (or rejected) while loading
 *   { type: 'result', id, resultJson }            resultJson undefined when the result is
 *   { type: 'failure', id, error }                the handler threw, rejected or called back an error
 *   { type: 'crash', id, error }                  an uncaught exception or unhandled rejection;
 *                                                 id is the running invocation's, or null when idle
 * and from it: { type: 'invoke', id, eventJson, context, deadline }.
 * An error crosses as { name, message, stack } (a non-Error value thrown: name is its typeof, as
 * Lambda's errorType is), so it keeps its class's name whatever structured cloning would keep.
 */
export const WORKER_BOOTSTRAP = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');

// Stack traces of a bundled TypeScript handler point at its .ts lines (its source map is inline).
if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);

function describeError(value) {
  try {
    if (value !== null && typeof value === 'object' && typeof value.message === 'string') {
      const name = typeof value.name === 'string' && value.name !== '' ? value.name : 'Error';
      return { name: name, message: value.message, stack: typeof value.stack === 'string' ? value.stack : undefined };
    }
    return { name: typeof value, message: String(value) };
  } catch (describing) {
    return { name: typeof value, message: 'a value that cannot be described (' + String(describing) + ')' };
  }
}

let handler;
let running = null;

function post(message) {
  parentPort.postMessage(message);
}

// Lambda's runtime reports an uncaught exception or unhandled rejection as the running
// invocation's error, then ends its process: the host terminates this worker on 'crash'.
process.on('uncaughtException', function (error) {
  post({ type: 'crash', id: running, error: describeError(error) });
});
process.on('unhandledRejection', function (reason) {
  const described = describeError(reason);
  post({
    type: 'crash',
    id: running,
    error: { name: 'Runtime.UnhandledPromiseRejection', message: described.name + ': ' + described.message, stack: described.stack },
  });
});

function lookUp(root, exportPath) {
  let value = root;
  for (const part of exportPath.split('.')) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || !(part in value)) return undefined;
    value = value[part];
  }
  return value;
}

async function load() {
  let namespace;
  try {
    namespace = await import(workerData.moduleUrl);
  } catch (error) {
    post({ type: 'init-error', error: describeError(error) });
    return;
  }
  let found = lookUp(namespace, workerData.exportPath);
  if (found === undefined && namespace.default !== null && typeof namespace.default === 'object') found = lookUp(namespace.default, workerData.exportPath);
  if (found === undefined) {
    const names = new Set(Object.keys(namespace).filter(function (name) { return name !== 'default' && name !== 'module.exports'; }));
    if (namespace.default !== null && typeof namespace.default === 'object') for (const name of Object.keys(namespace.default)) names.add(name);
    else if (namespace.default !== undefined) names.add('default');
    post({ type: 'load-failed', reason: 'missing-export', exports: Array.from(names).sort() });
    return;
  }
  if (typeof found !== 'function') {
    post({ type: 'load-failed', reason: 'not-a-function', valueType: found === null ? 'null' : typeof found });
    return;
  }
  handler = found;
  post({ type: 'loaded' });
}

function invoke(message) {
  const id = message.id;
  running = id;
  function finish(error, result) {
    if (running !== id) return; // a second callback, or a result after a callback: Lambda keeps the first
    running = null;
    if (error !== undefined) {
      post({ type: 'failure', id: id, error: describeError(error) });
      return;
    }
    let resultJson;
    try {
      resultJson = result === undefined ? undefined : JSON.stringify(result);
    } catch (serializing) {
      post({ type: 'failure', id: id, error: describeError(serializing) });
      return;
    }
    post({ type: 'result', id: id, resultJson: resultJson });
  }
  // callback(error, result): any error but null or undefined fails the invocation, as in Lambda.
  function callback(error, result) {
    finish(error === null || error === undefined ? undefined : error, result);
  }
  const context = Object.assign({}, message.context, {
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: function () {
      return Math.max(0, message.deadline - Date.now());
    },
    done: callback,
    succeed: function (result) { callback(null, result); },
    fail: function (error) { callback(error === undefined || error === null ? 'handled' : error); },
  });
  let returned;
  try {
    returned = handler(JSON.parse(message.eventJson), context, callback);
  } catch (error) {
    finish(error);
    return;
  }
  if (returned !== null && (typeof returned === 'object' || typeof returned === 'function') && typeof returned.then === 'function') {
    returned.then(
      function (result) { finish(undefined, result); },
      function (error) { finish(error === undefined ? 'undefined' : error); },
    );
  } else if (handler.length < 3) {
    // Neither a promise nor a callback: Lambda answers null once the event loop is empty; here at once.
    finish(undefined, undefined);
  }
}

parentPort.on('message', function (message) {
  if (message && message.type === 'invoke') invoke(message);
});

load();
`;
