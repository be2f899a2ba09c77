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

const root = import.meta.dirname;
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

/** Where the split build put the chunk a source file starts (it is imported dynamically), relative to dist/. */
const chunkOf = source => {
	const output = Object.entries(cli.metafile.outputs).find(([, {entryPoint}]) => entryPoint === source)?.[0];
	if (!output) {
		throw new Error(`build.mjs: the split build has no chunk for ${source}`);
	}

	return `./${path.relative('dist', output).split(path.sep).join('/')}`;
};

/** Imports that stay imports of other files of dist/ (a CommonJS bundle keeps a dynamic import of them as it is). */
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
// (commands that need neither the engine nor Ink, with the same cli-main) or the split build.
const commonJs = {
	format: 'cjs',
	splitting: false,
	minify,
	banner: {},
};
await bundle({
	...commonJs,
	entryPoints: ['source/cli-main.ts'],
	outfile: 'dist/light-commands.js',
	define: {...shared.define, 'import.meta.url': 'commonJsModuleUrl'},
	inject: ['scripts/commonjs-module-url.js'],
	plugins: [
		...shared.plugins,
		// The launcher sends these commands to the split build; here they are empty.
		{
			name: 'light-commands-only',
			setup(build) {
				build.onResolve({filter: /^\.\/commands\/(diagnose|fix|record|wizard)\.js$/}, () => ({path: 'heavy-command', namespace: 'empty-module'}));
			},
		},
		// YAML and zod load only for a file the build has not parsed: from the split build's chunks.
		beside('lazy-parsers', {
			'./playbook-file-parser.js': chunkOf('source/adapters/playbook-file-parser.ts'),
			'./vocabulary-file-parser.js': chunkOf('source/adapters/vocabulary-file-parser.ts'),
			'./yaml-document.js': chunkOf('source/adapters/yaml-document.ts'),
		}),
	],
});
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
await bundle({entryPoints: ['scripts/write-json-schema.ts', 'scripts/write-shipped-data-caches.ts'], outdir: scriptsDirectory});
for (const script of ['write-json-schema', 'write-shipped-data-caches']) {
	execFileSync(process.execPath, [path.join(scriptsDirectory, `${script}.js`)], {stdio: 'inherit'});
}

rmSync(scriptsDirectory, {recursive: true, force: true});

if (withBench) {
	rmSync(path.join(root, 'bench', 'dist'), {recursive: true, force: true});
	await bundle({entryPoints: ['bench/run-benchmarks.ts', 'bench/bench-search.ts', 'bench/bench-clean-text.ts'], outdir: 'bench/dist', sourcemap: true});
}
