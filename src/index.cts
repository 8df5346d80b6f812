/** The CommonJS entry (`require('eslint-plugin-poolguard')`): the plugin object itself, as in ESM's default
 * export. It loads the ES module with `require()`, which Node.js does without a flag since 20.19 and 22.12. */
import type esm = require('./index.js');

function load(): typeof esm.default {
  try {
    return (require('./index.js') as typeof esm).default;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_REQUIRE_ESM') throw error;
    throw new Error(
      `eslint-plugin-poolguard: require() of an ES module needs Node.js 20.19, 22.12 or later (this is ${process.version}); load the plugin with import (eslint.config.mjs) instead.`,
      { cause: error },
    );
  }
}

export = load();
