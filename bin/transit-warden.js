#!/usr/bin/env node
'use strict';
// Runs the compiled CLI; `npm ci` builds dist/ through the `prepare` script.
require('../dist/src/cli/main.js').main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err && err.message ? err.message : err); process.exitCode = 2; },
);
