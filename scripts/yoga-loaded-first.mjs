// Yoga (Ink's layout engine) exports itself after a top-level await of its WebAssembly, which a
// CommonJS bundle cannot hold. In the wizard's CommonJS program, `yoga-layout` is this module
// instead: the same object, filled in once `yogaLoaded` settles, which the program's entry awaits
// before anything of Ink runs (Ink reads Yoga only inside its functions).
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const yogaSource = path.dirname(fileURLToPath(import.meta.resolve('yoga-layout')));

export const yogaLoadedFirst = {
	name: 'yoga-loaded-first',
	setup(build) {
		build.onResolve({filter: /^yoga-layout$/}, () => ({path: 'yoga-layout', namespace: 'yoga-loaded-first'}));
		build.onLoad({filter: /.*/, namespace: 'yoga-loaded-first'}, () => ({
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
