// Injected into the CommonJS bundles (build.mjs): what `import.meta.url` is in the modules bundled there.
export const commonJsModuleUrl = require('node:url').pathToFileURL(__filename).href;
