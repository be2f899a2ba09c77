/**
 * One playbook file's text to a validated playbook, or diagnostics that name the line and field.
 * Apart from the loader because YAML and zod are most of start-up: shipped playbooks come from the
 * build's cache and never need this module.
 */
import path from 'node:path';
import {isCollection, isNode, LineCounter, parseDocument, visit, type Document} from 'yaml';
import type {Diagnostic} from '../core/diagnostic.js';
import {diagnosticText, formatFieldPath} from '../core/diagnostic.js';
import {unsafeCharacter} from '../core/neutralize-terminal-text.js';
import {checkPlaybookRules} from '../core/playbook-rules.js';
import {playbookSchema, type Playbook, type PlaybookOrigin} from '../core/playbook-schema.js';
import {unsafeShellPlaceholders} from '../core/shell-placeholder-safety.js';

export type PlaybookFileResult = {
	readonly playbook?: Playbook;
	readonly diagnostics: readonly Diagnostic[];
};

export function parsePlaybookText(text: string, where: {file: string; shown: string; source: PlaybookOrigin['source']}): PlaybookFileResult {
	const diagnostic = (message: string, line?: number, field?: string): Diagnostic => ({file: where.shown, line, field: field === undefined ? undefined : diagnosticText(field), message: diagnosticText(message), severity: 'error'});
	const lineCounter = new LineCounter();
	let document: Document;
	try {
		document = parseDocument(text, {lineCounter, uniqueKeys: true, prettyErrors: false});
	} catch (error) {
		return {diagnostics: [diagnostic(`YAML syntax: ${yamlMessage(error as Error)}`)]};
	}

	if (document.errors.length > 0) {
		return {
			diagnostics: uniqueMessages(document.errors.slice(0, 3).map(error => diagnostic(`YAML syntax: ${yamlMessage(error)}`, lineOf(lineCounter, error.pos[0])))),
		};
	}

	const complexKey = firstCollectionKey(document);
	if (complexKey !== undefined) {
		return {diagnostics: [diagnostic('YAML: a key is a list or a mapping; keys must be plain names', lineOf(lineCounter, complexKey))]};
	}

	let data: unknown;
	try {
		// Alias expansion is bounded so a "billion laughs" file fails fast instead of eating memory.
		data = document.toJS({maxAliasCount: 50});
	} catch (error) {
		return {diagnostics: [diagnostic(`YAML: ${yamlMessage(error as Error)}`)]};
	}

	const controlled = fieldsWithControlCharacters(data);
	if (controlled.length > 0) {
		return {
			diagnostics: controlled.map(({path: fieldPath, character}) =>
				diagnostic(`contains the control character ${character}; playbook text must be plain (no escape sequences)`, lineAt(document, lineCounter, fieldPath), formatFieldPath(fieldPath) || undefined)),
		};
	}

	const parsed = playbookSchema.safeParse(data);
	if (!parsed.success) {
		return {
			diagnostics: parsed.error.issues.slice(0, 10).map(issue =>
				diagnostic(issue.message, lineAt(document, lineCounter, issue.path), formatFieldPath(issue.path) || undefined)),
		};
	}

	const stem = path.basename(where.file).replace(/\.ya?ml$/i, '');
	const issues = [...checkPlaybookRules(parsed.data, stem), ...unsafeShellPlaceholders(parsed.data)];
	if (issues.length > 0) {
		return {
			diagnostics: issues.map(issue => diagnostic(issue.message, lineAt(document, lineCounter, issue.path), formatFieldPath(issue.path))),
		};
	}

	return {playbook: {...parsed.data, origin: {file: where.file, source: where.source}}, diagnostics: []};
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
