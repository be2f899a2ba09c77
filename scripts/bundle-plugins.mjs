// The esbuild plugins build.mjs bundles with: what the libraries do at load time that unblock's
// start-up need not pay for. Each change to a library's text checks that the text is still there,
// so a library that changes fails the build instead of silently losing the change.
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

/** Patched libraries import the narrow-text functions from here. */
const narrowTextModule = JSON.stringify(fileURLToPath(new URL('narrow-text.mjs', import.meta.url)));

/**
 * Changes to libraries' source, by file. Every patch whose file matches applies, in this order.
 */
const patches = [
	{
		// Yoga's emscripten loader asks `typeof fetch` before it sees that its wasm is embedded as
		// base64, and in Node 20 the first touch of the fetch global loads undici: ~50 ms before Ink's
		// first frame. A module-scoped `fetch` answers the question without waking it.
		file: /yoga-layout[/\\]dist[/\\]binaries[/\\][^/\\]+\.js$/,
		apply: source => `var fetch;\n${source}`,
	},
	{
		// It then decodes its wasm a turn later, and asks V8 to compile it a turn after that: behind
		// whatever else was queued meanwhile (in the wizard's program, loading every module of the
		// first frame). Decoded at once, V8 compiles it on other threads while those modules load.
		file: /yoga-layout[/\\]dist[/\\]binaries[/\\][^/\\]+\.js$/,
		apply: (source, file) => replaceOnce(source, 'Promise.resolve().then(function(){return wa()})', 'new Promise(function(resolve){resolve(wa())})', file),
	},
	{
		// string-width, slice-ansi and ansi-tokenize make an Intl.Segmenter when they load, and its
		// first use loads ICU's segmentation data: together ~25 ms of the wizard's first frame, whose
		// spinner, "…" and "·" are not ASCII. The segmenter is made on first use, and narrow text
		// (scripts/narrow-text.mjs) is segmented without it.
		file: /[/\\](string-width[/\\]index|slice-ansi[/\\]tokenize-ansi|ansi-tokenize[/\\]build[/\\]tokenize)\.js$/,
		apply: lazySegmenter,
	},
	{
		// string-width measures any non-ASCII text with that segmenter; narrow text is as wide as it
		// is long, colour codes aside. Anything else still goes to string-width.
		file: /[/\\]string-width[/\\]index\.js$/,
		apply(source, file) {
			const measured = replaceOnce(source, 'export default function stringWidth(', 'function measuredStringWidth(', file);
			return `${measured}
export default function stringWidth(text, options) {
	const plain = typeof text === 'string' && options?.ambiguousIsNarrow !== false && options?.countAnsiEscapeCodes !== true;
	return (plain ? narrowTextWidth(text) : undefined) ?? measuredStringWidth(text, options);
}
`;
		},
	},
	{
		// /^\p{RGI_Emoji}$/v expands to thousands of emoji sequences when the literal is first
		// evaluated, ~20 ms as string-width loads when its code comes from a V8 code cache (compiled
		// from source, V8 pays it parsing instead). Only text that is not narrow needs it: made then.
		file: /[/\\]string-width[/\\]index\.js$/,
		apply(source, file) {
			// wrap-ansi's own string-width 7 has no such literal.
			if (/[/\\]wrap-ansi[/\\]node_modules[/\\]/.test(file)) {
				return source;
			}

			const declared = replaceOnce(source, 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiRegexMade;', file);
			return replaceOnce(declared, 'rgiEmojiRegex.test(segment)', '(rgiEmojiRegexMade ??= /^\\p{RGI_Emoji}$/v).test(segment)', file);
		},
	},
	{
		// zod's namespace object exports its ~50 locales, so a bundle keeps them all: ~8 ms to load
		// before the first playbook is validated. unblock speaks English (zod's default) only.
		file: /zod[/\\]v4[/\\]locales[/\\]index\.js$/,
		apply(source, file) {
			replaceOnce(source, 'export { default as en } from "./en.js";', '', file);
			return 'export { default as en } from "./en.js";\n';
		},
	},
	{
		// Ink turns each line of a frame into text char by char, and between every two chars this
		// diffs their styles with three Sets and a few arrays: a 120x40 frame costs ~20 ms of the
		// wizard's first frame, in code not yet compiled. Neighbours with the same styles (most of
		// them) differ by nothing, which is what the diff returns for them.
		file: /@alcalzone[/\\]ansi-tokenize[/\\]build[/\\]styledChars\.js$/,
		apply(source, file) {
			const between = replaceOnce(source, 'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));', 'ret += sameStyles(chars[i - 1].styles, char.styles) ? "" : ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));', file);
			const last = replaceOnce(between, 'ret += ansiCodesToString(diffAnsiCodes(char.styles, []));', 'ret += char.styles.length === 0 ? "" : ansiCodesToString(diffAnsiCodes(char.styles, []));', file);
			return `${last}
function sameStyles(from, to) {
	return from.length === to.length && from.every((code, index) => code.code === to[index].code && code.endCode === to[index].endCode);
}
`;
		},
	},
	{
		// Under DEV=true, Ink's reconciler awaits its devtools bridge (left out below) and its own
		// package.json (not in the bundle) at the top of its module; a CommonJS bundle (the wizard's
		// program) cannot hold a top-level await. DEV=true now costs nothing and names no package.
		file: /ink[/\\]build[/\\]reconciler\.js$/,
		apply(source, file) {
			const bridge = replaceOnce(source, "await import('./devtools.js');", "import('./devtools.js');", file);
			return replaceOnce(bridge, '? await loadPackageJson()', '? {name: undefined, version: undefined}', file);
		},
	},
	{
		// Ink fills each frame with a blank cell object (and its styles array) per column and row, 4,800
		// at 120x40, then turns each row into text char by char and trims its end. The cells are only
		// ever replaced, never changed, so one blank serves them all, and a row's trailing blanks,
		// which the trim would drop, are not turned into text: ~4 ms of the first frame, and of every
		// frame after it.
		file: /ink[/\\]build[/\\]output\.js$/,
		apply(source, file) {
			const shared = replaceOnce(source, `row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`, 'row.push(blankCell);', file);
			const trimmed = replaceOnce(shared, 'const lineWithoutEmptyItems = line.filter(item => item !== undefined);', `let end = line.length;
            while (end > 0 && (line[end - 1] === blankCell || line[end - 1] === undefined)) {
                end--;
            }
            const lineWithoutEmptyItems = line.slice(0, end).filter(item => item !== undefined);`, file);
			return `${trimmed}
const blankCell = {type: 'char', value: ' ', fullWidth: false, styles: []};
`;
		},
	},
	{
		// docker-modem formats every request's options with util.inspect (hidden properties, no depth
		// limit) for a debug line that is printed only under DEBUG=modem: ~0.1 ms a request, 80 ms of
		// CPU for a scan of 200 containers. It is formatted only when that line is printed.
		file: /docker-modem[/\\]lib[/\\]modem\.js$/,
		apply: (source, file) => replaceOnce(source, "debug('Sending: %s', util.inspect(options, {", "debug.enabled && debug('Sending: %s', util.inspect(options, {", file),
	},
	{
		// terminal-size asks tput or stty only when the terminal does not say its size, and signal-exit
		// (v3, under Ink and restore-cursor) asserts only that its callback is a function; importing
		// child_process (with dgram and net's socket list) and assert for that is ~3 ms of CPU before
		// the wizard's first frame. They load when first used.
		file: /terminal-size[/\\]index\.js$/,
		apply: (source, file) => replaceOnce(source, "import {execFileSync} from 'node:child_process';", "import {createRequire} from 'node:module';\nconst execFileSync = (...arguments_) => createRequire(import.meta.url)('node:child_process').execFileSync(...arguments_);", file),
	},
	{
		file: /signal-exit[/\\]index\.js$/,
		apply: (source, file) => replaceOnce(source, "var assert = require('assert')", "var assert = {equal: function (actual, expected, message) { if (actual != expected) require('assert').equal(actual, expected, message) }}", file),
	},
];

const patchedFiles = new RegExp(patches.map(patch => patch.file.source).join('|'));

const libraryPatches = {
	name: 'library-patches',
	setup(build) {
		build.onLoad({filter: patchedFiles}, async ({path: file}) => {
			let source = await readFile(file, 'utf8');
			for (const patch of patches.filter(candidate => candidate.file.test(file))) {
				source = patch.apply(source, file);
			}

			return {contents: source, loader: 'js'};
		});
	},
};

/** `const segmenter = new Intl.Segmenter(...)`, used only as `segmenter.segment(...)`: made on first use, and not for narrow text. */
function lazySegmenter(source, file) {
	const declaration = /^(?:const|let|var) (\w+) = new Intl\.Segmenter\(([^)]*)\);$/m.exec(source);
	if (!declaration) {
		throw new Error(`${file} no longer makes an Intl.Segmenter as it loads: update lazySegmenter in scripts/bundle-plugins.mjs`);
	}

	const [statement, name, options] = declaration;
	const memberUses = source.match(new RegExp(`\\b${name}\\.\\w+`, 'g')) ?? [];
	if (memberUses.length === 0 || memberUses.some(use => use !== `${name}.segment`)) {
		throw new Error(`${file} uses ${name} other than to call segment(): update lazySegmenter in scripts/bundle-plugins.mjs`);
	}

	const lazy = `let ${name}Made;\nconst ${name} = {segment: text => narrowGraphemes(text) ?? (${name}Made ??= new Intl.Segmenter(${options})).segment(text)};`;
	return `import {narrowGraphemes, narrowTextWidth} from ${narrowTextModule};\n${source.replace(statement, lazy)}`;
}

function replaceOnce(source, text, replacement, file) {
	if (!source.includes(text)) {
		throw new Error(`${file} no longer holds "${text}": update scripts/bundle-plugins.mjs`);
	}

	return source.replace(text, replacement);
}

/**
 * `import process from 'node:process'` (in Ink, execa and their helpers) makes Node build a module
 * facade over every property of process, getters included: ~5 ms at the first import. The global
 * is the same object; named imports a library uses are listed here, and esbuild stops the build on
 * one that is not.
 */
const processGlobal = {
	name: 'process-global',
	setup(build) {
		build.onResolve({filter: /^(node:)?process$/}, () => ({path: 'process', namespace: 'process-global'}));
		build.onLoad({filter: /.*/, namespace: 'process-global'}, () => ({
			contents: 'const process = globalThis.process;\nexport default process;\nexport const {argv, cwd, env, execArgv, execPath, hrtime, platform} = process;\n',
			loader: 'js',
		}));
	},
};

/**
 * Ink imports its React DevTools bridge when DEV=true; the bridge needs react-devtools-core, which
 * a bundle never has, so it could only warn. Left out: 130 KB less, and DEV=true means nothing here.
 */
const withoutInkDevtools = {
	name: 'without-ink-devtools',
	setup(build) {
		build.onResolve({filter: /^\.\/devtools\.js$/}, ({importer}) => (/[/\\]ink[/\\]build[/\\]/.test(importer) ? {path: 'ink-devtools', namespace: 'empty-module'} : undefined));
		build.onLoad({filter: /.*/, namespace: 'empty-module'}, () => ({contents: '', loader: 'js'}));
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

export const bundlePlugins = [libraryPatches, processGlobal, withoutInkDevtools, stubUnusedModules];
