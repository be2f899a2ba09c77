// `npm run build`: the CLI bundled by esbuild into dist/ (the bin and the light commands as CommonJS
// files, every command as ES modules split at each dynamic import), the licences of the libraries
// bundled, then the files the build derives with that same code (scripts/).
// `node build.mjs bench` also bundles the benchmark (bench/) into bench/dist/, which never ships.
// UNBLOCK_SOURCE_MAPS=1 writes source maps beside the CLI's chunks, for debugging; the package has none.
// UNBLOCK_PROFILE=1 leaves names unminified, for reading a `node --cpu-prof` profile.
import {execFileSync} from 'node:child_process';
import {rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';
import {buildIdentity} from './scripts/build-identity.mjs';
import {bundlePlugins} from './scripts/bundle-plugins.mjs';
import {writeThirdPartyLicenses} from './scripts/third-party-licenses.mjs';
import {yogaLoadedFirst} from './scripts/yoga-loaded-first.mjs';

const root = import.meta.dirname;

// Source the build derives from other source, written before anything is bundled or the build's
// identity (a hash of the sources) is taken: the credential cues' patterns.
const generatorsDirectory = path.join(root, 'node_modules', '.cache', 'unblock-build-generators');
rmSync(generatorsDirectory, {recursive: true, force: true});
await build({absWorkingDir: root, entryPoints: ['scripts/write-credential-cue-patterns.ts'], outdir: generatorsDirectory, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning'});
execFileSync(process.execPath, [path.join(generatorsDirectory, 'write-credential-cue-patterns.js'), path.join(root, 'source', 'core', 'credential-cue-patterns.ts')], {stdio: 'inherit'});
rmSync(generatorsDirectory, {recursive: true, force: true});

const withBench = process.argv.slice(2).includes('bench');
const minify = process.env.UNBLOCK_PROFILE !== '1';

/** What every bundle of this build shares: the CLI's, the build scripts' and the benchmark's. */
const shared = {
	absWorkingDir: root,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	define: {
		// React and Ink check NODE_ENV at run time; fixed here, the development builds are dropped.
		'process.env.NODE_ENV': '"production"',
		// Files derived from this build's code (the shipped-data caches) carry the same identity.
		__UNBLOCK_BUILD__: JSON.stringify(buildIdentity(root)),
	},
	jsx: 'automatic',
	// Node 20 has the v flag; lowered, string-width's /\p{RGI_Emoji}/v became a RegExp constructor
	// that parses its thousands of sequences as the wizard loads (~15 ms).
	supported: {'regexp-set-notation': true},
	// Bundled CommonJS packages call require() for node's own modules; ESM output has no require.
	banner: {js: 'import {createRequire as __unblockRequire} from \'node:module\'; const require = __unblockRequire(import.meta.url);'},
	plugins: bundlePlugins,
	logLevel: 'warning',
};

async function bundle(options) {
	try {
		return await build({...shared, ...options});
	} catch {
		// esbuild has printed what failed, with file and line.
		process.exit(1);
	}
}

rmSync(path.join(root, 'dist'), {recursive: true, force: true});
// Every command, as ES modules (.mjs) split at each dynamic import, so a command loads only what
// it runs: dist/cli-main.mjs and dist/chunks/.
const cli = await bundle({
	entryPoints: ['source/cli-main.ts'],
	outbase: 'source',
	outdir: 'dist',
	outExtension: {'.js': '.mjs'},
	chunkNames: 'chunks/[name]-[hash]',
	minify,
	sourcemap: process.env.UNBLOCK_SOURCE_MAPS === '1',
	legalComments: 'none',
	metafile: true,
});

/** cli-main with these commands left out (empty modules): a program of the others alone. */
const leavingOut = (name, commands) => ({
	name,
	setup(build) {
		build.onResolve({filter: new RegExp(`^\\./commands/(${commands.join('|')})\\.js$`)}, () => ({path: name, namespace: 'empty-module'}));
	},
});

/** What the light commands import on demand, for a file the build has not parsed. */
const lazyParsers = ['playbook-file-parser', 'vocabulary-file-parser', 'yaml-document'];

/** Imports that stay imports of other files of dist/. */
const beside = (name, mapping) => ({
	name,
	setup(build) {
		for (const [specifier, target] of Object.entries(mapping)) {
			build.onResolve({filter: new RegExp(`^${specifier.replaceAll('.', '\\.')}$`)}, () => ({path: target, external: true}));
		}
	},
});

// CommonJS, one file each: Node loads one such file faster than a module and its chunks. dist/cli.js,
// the bin, answers --version and --help alone and picks the program for the rest: the light one
// (commands that need neither the engine nor Ink), the wizard's, diagnose's (each the same
// cli-main with the other commands left out) or the split build.
const commonJs = {
	format: 'cjs',
	splitting: false,
	minify,
	banner: {},
	// What import.meta says in a module bundled here.
	define: {...shared.define, 'import.meta.url': 'commonJsModule.url', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename'},
	inject: ['scripts/commonjs-module-url.js'],
};
/**
 * A program of cli-main in one CommonJS file, run from V8's code cache (source/adapters/cached-script.ts),
 * where import() has no loader: the commands the launcher sends to the other programs are left
 * out (empty), and YAML and zod load only for a file the build has not parsed, from a CommonJS
 * file of their own.
 */
async function cachedProgram(outfile, leftOut, {input = {entryPoints: ['source/cli-main.ts']}, plugins = []} = {}) {
	await bundle({
		...commonJs,
		...input,
		outfile,
		supported: {...shared.supported, 'dynamic-import': false},
		plugins: [
			...shared.plugins,
			...plugins,
			leavingOut(`${path.basename(outfile, '.js')}-only`, leftOut),
			beside('lazy-parsers', Object.fromEntries(lazyParsers.map(parser => [`./${parser}.js`, './light-parsers.js']))),
		],
	});
}

// search, playbooks and lint.
await cachedProgram('dist/light-commands.js', ['diagnose', 'fix', 'record', 'wizard']);
await bundle({
	...commonJs,
	stdin: {contents: lazyParsers.map(parser => `export * from './source/adapters/${parser}.ts';`).join('\n'), resolveDir: root, sourcefile: 'light-parsers.ts'},
	outfile: 'dist/light-parsers.js',
});
// The wizard, for its first frame: the same cli-main with the wizard (and diagnose, which it runs
// without a terminal) alone; the build writes its cache after drawing a first frame
// (scripts/write-code-cache.ts).
await cachedProgram('dist/wizard.js', ['search', 'playbooks', 'lint', 'record', 'fix'], {
	input: {stdin: {contents: 'import {yogaLoaded} from \'yoga-layout\';\nvoid yogaLoaded;\nimport(\'./source/cli-main.ts\');\n', resolveDir: root, sourcefile: 'wizard-program.ts'}},
	plugins: [yogaLoadedFirst],
});
// diagnose, for scripts and CI: its cache is written after a diagnose of a stand-in engine.
await cachedProgram('dist/diagnose.js', ['search', 'playbooks', 'lint', 'record', 'fix', 'wizard']);
await bundle({
	...commonJs,
	entryPoints: ['source/cli.ts'],
	outfile: 'dist/cli.js',
	plugins: [...shared.plugins, beside('programs', {'./cli-main.js': './cli-main.mjs', './light-commands.js': './light-commands.js'})],
});
writeFileSync(path.join(root, 'dist', 'package.json'), `${JSON.stringify({type: 'commonjs'})}\n`);
// The libraries are bundled, not installed beside it: their licences travel in one file instead.
writeThirdPartyLicenses(root, cli.metafile, path.join(root, 'dist', 'third-party-licenses.txt'));

const scriptsDirectory = path.join(root, 'node_modules', '.cache', 'unblock-build-scripts');
rmSync(scriptsDirectory, {recursive: true, force: true});
await bundle({entryPoints: ['scripts/write-json-schema.ts', 'scripts/write-shipped-data-caches.ts', 'scripts/write-code-cache.ts'], outdir: scriptsDirectory});
for (const script of ['write-json-schema', 'write-shipped-data-caches']) {
	execFileSync(process.execPath, [path.join(scriptsDirectory, `${script}.js`)], {stdio: 'inherit'});
}

// Last, once the data a search reads is in place: a search in a process of its own, whose
// compiled code is the light commands' code cache, the wizard's first frame in another, for the
// wizard's, and a diagnose of a stand-in engine in a third, for diagnose's. Without NODE_OPTIONS: V8 takes a cache only under the flags it was made with, and
// users run node without them.
const {NODE_OPTIONS: _nodeOptions, ...cacheEnvironment} = process.env;
for (const program of ['light-commands.js', 'wizard.js', 'diagnose.js']) {
	execFileSync(process.execPath, [path.join(scriptsDirectory, 'write-code-cache.js'), path.join(root, 'dist', program)], {stdio: ['ignore', 'ignore', 'inherit'], env: cacheEnvironment});
}

rmSync(scriptsDirectory, {recursive: true, force: true});

if (withBench) {
	rmSync(path.join(root, 'bench', 'dist'), {recursive: true, force: true});
	await bundle({entryPoints: ['bench/run-benchmarks.ts', 'bench/bench-search.ts', 'bench/bench-clean-text.ts'], outdir: 'bench/dist', sourcemap: true});
}
