// The CommonJS entry: `require('eslint-plugin-flag-hygiene')` (an eslint.config.cjs, an .eslintrc.js,
// ESLint 8 loading a legacy config's plugin) gives the plugin object itself, as every mainstream plugin
// does, not the ES module namespace with the plugin under `.default`.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry: require() is what it is for
import plugin = require('./index.js');

export = plugin.default;
