import type {Check} from '../playbook-schema.js';
import {fillPlaceholders} from '../template.js';

// Fields that hold regular expressions: a value put there must match itself literally.
const patternFields = new Set(['outputMatches', 'pattern']);

/** A check with its placeholders filled: values in argv items stay one item, values in patterns are escaped. */
export function fillCheck(check: Check, values: Readonly<Record<string, string>>): Check {
	const filled: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(check)) {
		if (typeof value === 'string') {
			filled[key] = patternFields.has(key) ? fillPlaceholders(value, values, escapeRegex) : fillPlaceholders(value, values);
		} else if (Array.isArray(value)) {
			filled[key] = value.map(item => typeof item === 'string' ? fillPlaceholders(item, values) : item);
		} else {
			filled[key] = value;
		}
	}

	return filled as Check;
}

function escapeRegex(value: string): string {
	return value.replaceAll(/[\\^$.*+?()[\]{}|/]/g, String.raw`\$&`);
}
