/**
 * One playbook file's text to a validated playbook, or diagnostics that name the line and field.
 * Apart from the loader because YAML and zod are most of start-up: shipped playbooks (and the
 * shipped vocabulary) come from the build's cache and never need this module.
 */
import path from 'node:path';
import {isCollection, isNode, LineCounter, parseDocument, visit, type Document} from 'yaml';
import type {Diagnostic} from '../core/diagnostic.js';
import {diagnosticText, formatFieldPath} from '../core/diagnostic.js';
import {unsafeCharacter} from '../core/neutralize-terminal-text.js';
import {checkPlaybookRules} from '../core/playbook-rules.js';
import {playbookSchema, type Playbook, type PlaybookOrigin} from '../core/playbook-schema.js';
import {requiredLiterals} from '../core/search/required-literals.js';
import {rememberPlaybookLiterals} from '../core/search/signature-literals.js';
import type {ZodType} from 'zod';
import {unsafeShellPlaceholders} from '../core/shell-placeholder-safety.js';

export type PlaybookFileResult = {
	readonly playbook?: Playbook;
	readonly diagnostics: readonly Diagnostic[];
};

export function parsePlaybookText(text: string, where: {file: string; shown: string; source: PlaybookOrigin['source']}): PlaybookFileResult {
	const parsed = parseYamlData(text, playbookSchema, where.shown, 'playbook');
	if (!parsed.data) {
		return {diagnostics: parsed.diagnostics};
	}

	const stem = path.basename(where.file).replace(/\.ya?ml$/i, '');
	const issues = [...checkPlaybookRules(parsed.data, stem), ...unsafeShellPlaceholders(parsed.data)];
	if (issues.length > 0) {
		return {
			diagnostics: issues.map(issue => parsed.diagnostic(issue.message, issue.path)),
		};
	}

	const playbook: Playbook = {...parsed.data, origin: {file: where.file, source: where.source}};
	// The rules above have just parsed every pattern: search's literals come from the same parser here,
	// so search itself never needs it.
	rememberPlaybookLiterals(playbook, playbook.signatures.map(signature => requiredLiterals(signature.pattern, signature.flags) ?? null));
	return {playbook, diagnostics: []};
}

export type YamlData<Data> = {
	readonly data?: Data;
	readonly diagnostics: readonly Diagnostic[];
	/** A diagnostic at the line of a field of the file. */
	readonly diagnostic: (message: string, fieldPath: ReadonlyArray<PropertyKey>) => Diagnostic;
};

/**
 * A YAML data file (a playbook, a vocabulary) to data its schema accepts, or diagnostics that
 * name the line and field: syntax, keys that are not names, aliases that would explode, control
 * characters, and what the schema refuses.
 */
export function parseYamlData<Data>(text: string, schema: ZodType<Data>, shown: string, kind: string): YamlData<Data> {
	const lineCounter = new LineCounter();
	const at = (message: string, line?: number, field?: string): Diagnostic => ({file: shown, line, field: field === undefined ? undefined : diagnosticText(field), message: diagnosticText(message), severity: 'error'});
	let document: Document | undefined;
	const diagnostic = (message: string, fieldPath: ReadonlyArray<PropertyKey>) => at(message, document ? lineAt(document, lineCounter, fieldPath) : undefined, formatFieldPath(fieldPath) || undefined);
	const failed = (diagnostics: Diagnostic[]): YamlData<Data> => ({diagnostics, diagnostic});
	try {
		document = parseDocument(text, {lineCounter, uniqueKeys: true, prettyErrors: false});
	} catch (error) {
		return failed([at(`YAML syntax: ${yamlMessage(error as Error)}`)]);
	}

	if (document.errors.length > 0) {
		return failed(uniqueMessages(document.errors.slice(0, 3).map(error => at(`YAML syntax: ${yamlMessage(error)}`, lineOf(lineCounter, error.pos[0])))));
	}

	const complexKey = firstCollectionKey(document);
	if (complexKey !== undefined) {
		return failed([at('YAML: a key is a list or a mapping; keys must be plain names', lineOf(lineCounter, complexKey))]);
	}

	let data: unknown;
	try {
		// Alias expansion is bounded so a "billion laughs" file fails fast instead of eating memory.
		data = document.toJS({maxAliasCount: 50});
	} catch (error) {
		return failed([at(`YAML: ${yamlMessage(error as Error)}`)]);
	}

	const controlled = fieldsWithControlCharacters(data);
	if (controlled.length > 0) {
		return failed(controlled.map(({path: fieldPath, character}) => diagnostic(`contains the control character ${character}; ${kind} text must be plain (no escape sequences)`, fieldPath)));
	}

	const parsed = schema.safeParse(data);
	if (!parsed.success) {
		return failed(parsed.error.issues.slice(0, 10).map(issue => diagnostic(issue.message, issue.path)));
	}

	return {data: parsed.data, diagnostics: [], diagnostic};
}

/** Where a mapping key is itself a collection (`? [a]`): as a JavaScript object key it would be mangled. */
function firstCollectionKey(document: Document): number | undefined {
	let offset: number | undefined;
	try {
		visit(document, {
			Pair(_key, pair) {
				if (isCollection(pair.key)) {
					offset = pair.key.range?.[0] ?? 0;
					return visit.BREAK;
				}

				return undefined;
			},
		});
	} catch {
		// Nested too deeply to walk: toJS reports that next.
	}

	return offset;
}

function lineAt(document: Document, lineCounter: LineCounter, fieldPath: ReadonlyArray<PropertyKey>): number | undefined {
	// Walk down as far as the path exists, so a missing field points at its parent.
	for (let length = fieldPath.length; length >= 0; length--) {
		const node = document.getIn(fieldPath.slice(0, length) as Array<string | number>, true);
		if (isNode(node) && node.range) {
			return lineOf(lineCounter, node.range[0]);
		}
	}

	return undefined;
}

function lineOf(lineCounter: LineCounter, offset: number | undefined): number | undefined {
	return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function firstLine(message: string): string {
	return message.split('\n', 1)[0] ?? message;
}

/** Parser messages, readable: the parser reports running out of stack as a syntax error. */
function yamlMessage(error: Error): string {
	if (error instanceof RangeError || /maximum call stack/i.test(error.message)) {
		return 'nested too deeply';
	}

	return firstLine(error.message);
}

function uniqueMessages(diagnostics: Diagnostic[]): Diagnostic[] {
	const seen = new Set<string>();
	return diagnostics.filter(diagnostic => {
		const key = `${diagnostic.line ?? ''}:${diagnostic.message}`;
		if (seen.has(key)) {
			return false;
		}

		seen.add(key);
		return true;
	});
}

/**
 * Keys and strings holding control characters, at most three. Playbook text reaches the terminal
 * (titles, steps, commands), so a team's file cannot be allowed to carry an escape sequence.
 */
function fieldsWithControlCharacters(data: unknown): Array<{path: Array<string | number>; character: string}> {
	const found: Array<{path: Array<string | number>; character: string}> = [];
	const pending: Array<{value: unknown; path: Array<string | number>}> = [{value: data, path: []}];
	// `&a [*a]` makes a structure that contains itself: each object is looked at once.
	const seen = new Set<object>();
	const check = (text: string, fieldPath: Array<string | number>) => {
		const match = unsafeCharacter.exec(text);
		if (match) {
			found.push({path: fieldPath, character: `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`});
		}
	};

	while (pending.length > 0 && found.length < 3) {
		const {value, path: fieldPath} = pending.pop()!;
		if (value !== null && typeof value === 'object') {
			if (seen.has(value)) {
				continue;
			}

			seen.add(value);
		}

		if (typeof value === 'string') {
			check(value, fieldPath);
		} else if (Array.isArray(value)) {
			for (let index = value.length - 1; index >= 0; index--) {
				pending.push({value: value[index] as unknown, path: [...fieldPath, index]});
			}
		} else if (value !== null && typeof value === 'object') {
			for (const [key, item] of Object.entries(value).reverse()) {
				check(key, [...fieldPath, key]);
				pending.push({value: item, path: [...fieldPath, key]});
			}
		}
	}

	return found.slice(0, 3);
}
