// `npm run build`: one esbuild bundle of the CLI (and of the scripts and benchmark), split at each
// dynamic import so a command loads only what it runs; then the files generated from it.
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, readdirSync, rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {build} from 'esbuild';

const root = import.meta.dirname;
const scripts = readdirSync(path.join(root, 'source', 'scripts')).filter(name => name.endsWith('.ts')).map(name => `source/scripts/${name}`);
const benchmark = ['source/benchmark/run-benchmarks.ts'].filter(file => existsSync(path.join(root, file)));

/**
 * Yoga's emscripten loader asks `typeof fetch` before it sees that its wasm is embedded as base64,
 * and in Node 20 the first touch of the fetch global loads undici: ~50 ms before Ink's first frame.
 * A module-scoped `fetch` answers the question without waking it.
 */
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(build) {
		build.onLoad({filter: /yoga-layout[/\\]dist[/\\]binaries[/\\][^/\\]+\.js$/}, async ({path: file}) => ({
			contents: `var fetch;\n${await readFile(file, 'utf8')}`,
			loader: 'js',
		}));
	},
};

/**
 * dockerode requires, at load time, modules for what unblock never does: BuildKit sessions and
 * build output (@grpc/grpc-js, @grpc/proto-loader, protobufjs), build contexts from a directory
 * (tar-fs, @balena/dockerignore), and docker-modem's own SSH client (ssh2, whose native crypto
 * binding cannot be bundled; unblock dials ssh through the system's ssh, as the docker CLI does).
 * Bundled, they would cost every engine command ~100 ms of loading; left out, the bundle would not
 * load. Also supports-color, which docker-modem's debug log asks for at load, for colours of a log
 * unblock never turns on: not installed, it was looked for on disk at every start. Each is
 * replaced by a stub that loads for free and throws, naming itself, if ever called.
 */
const unusedByUnblock = ['@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs', 'tar-fs', '@balena/dockerignore', 'ssh2', 'supports-color'];
const stubUnusedModules = {
	name: 'stub-unused-modules',
	setup(build) {
		const names = new RegExp(`^(?:${unusedByUnblock.map(name => name.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
		build.onResolve({filter: names}, ({path: name}) => ({path: name, namespace: 'unused-by-unblock'}));
		build.onLoad({filter: /.*/, namespace: 'unused-by-unblock'}, ({path: name}) => ({
			// Properties are read at load (require('ssh2').Client): each is a function that throws when called.
			contents: `const unused = () => { throw new Error(${JSON.stringify(`${name} is not bundled with unblock`)}); };
module.exports = new Proxy(unused, {get: (_target, key) => key === '__esModule' ? false : unused});`,
			loader: 'js',
		}));
	},
};

rmSync(path.join(root, 'dist'), {recursive: true, force: true});
await build({
	absWorkingDir: root,
	entryPoints: ['source/cli.ts', ...scripts, ...benchmark],
	outbase: 'source',
	outdir: 'dist',
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	sourcemap: true,
	legalComments: 'linked',
	// React and Ink check NODE_ENV at run time; fixed here, the development builds are dropped.
	define: {
		'process.env.NODE_ENV': '"production"',
		// Files derived from this build's code (the playbook cache's search data) carry the same stamp.
		__UNBLOCK_BUILD__: JSON.stringify(`${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`),
	},
	jsx: 'automatic',
	// Bundled CommonJS packages call require() for node's own modules; ESM output has no require.
	banner: {js: 'import {createRequire as __unblockRequire} from \'node:module\'; const require = __unblockRequire(import.meta.url);'},
	// Ink imports it only when DEV=true, for React DevTools.
	external: ['react-devtools-core'],
	plugins: [yogaWithoutFetch, stubUnusedModules],
	logLevel: 'warning',
}).catch(() => {
	// esbuild has printed what failed, with file and line.
	process.exit(1);
});

for (const script of ['write-json-schema', 'write-playbook-cache']) {
	execFileSync(process.execPath, [path.join(root, 'dist', 'scripts', `${script}.js`)], {stdio: 'inherit'});
}
