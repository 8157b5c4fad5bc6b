#!/usr/bin/env node
// `npx jest-eventbridge sweep --bus NAME` and `npx jest-eventbridge emulator`: the compiled CLI
// lives in dist/ (npm run build).
'use strict';

require('../dist/cli/main.js')
  .main(process.argv.slice(2))
  .then(
    (status) => {
      process.exitCode = status;
    },
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
