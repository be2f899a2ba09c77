// Yoga (Ink's layout engine) exports itself after a top-level await of its WebAssembly, which a
// CommonJS bundle cannot hold. In the wizard's CommonJS program, `yoga-layout` is this module
// instead: the same object, filled in once `yogaLoaded` settles. The program starts loading it
// first, then cli-main, whose runWizard (wizard-after-yoga) awaits it before anything of Ink runs
// (Ink reads Yoga only inside its functions): V8 compiles the WebAssembly on other threads while
// the first frame's modules load on this one.
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const yogaSource = path.dirname(fileURLToPath(import.meta.resolve('yoga-layout')));
const wizardCommand = fileURLToPath(new URL('../source/commands/wizard.tsx', import.meta.url));

export const yogaLoadedFirst = {
	name: 'yoga-loaded-first',
	setup(build) {
		build.onResolve({filter: /^\.\/commands\/wizard\.js$/}, ({importer}) => (importer.endsWith('cli-main.ts') ? {path: 'wizard-after-yoga', namespace: 'yoga-loaded-first'} : undefined));
		build.onLoad({filter: /^wizard-after-yoga$/, namespace: 'yoga-loaded-first'}, () => ({
			contents: `import {yogaLoaded} from 'yoga-layout';
import {runWizard as run} from ${JSON.stringify(wizardCommand)};
export async function runWizard(...args) {
	await yogaLoaded;
	return run(...args);
}
`,
			loader: 'js',
			resolveDir: path.dirname(wizardCommand),
		}));
		build.onResolve({filter: /^yoga-layout$/}, () => ({path: 'yoga-layout', namespace: 'yoga-loaded-first'}));
		build.onLoad({filter: /^yoga-layout$/, namespace: 'yoga-loaded-first'}, () => ({
			contents: `import loadYoga from ${JSON.stringify(path.join(yogaSource, '..', 'binaries', 'yoga-wasm-base64-esm.js'))};
import wrapAssembly from ${JSON.stringify(path.join(yogaSource, 'wrapAssembly.js'))};
export * from ${JSON.stringify(path.join(yogaSource, 'generated', 'YGEnums.js'))};
let Yoga;
export {Yoga as default};
export const yogaLoaded = loadYoga().then(assembly => {
	Yoga = wrapAssembly(assembly);
});
`,
			loader: 'js',
			resolveDir: yogaSource,
		}));
	},
};
