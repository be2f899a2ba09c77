// Injected into the CommonJS bundles (build.mjs): what `import.meta.url` is in the modules bundled
// there, `commonJsModule.url`. Made when first read: building a file URL is ~2 ms of a cold search.
export const commonJsModule = {
	get url() {
		return require('node:url').pathToFileURL(__filename).href;
	},
};
