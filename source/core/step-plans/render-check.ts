import {checkTypeOf, type Check} from '../checks/registry.js';
import {fillPlaceholders} from '../template.js';

/** A check with its placeholders filled: values in argv items stay one item, values in patterns are escaped. */
export function fillCheck(check: Check, values: Readonly<Record<string, string>>): Check {
	// A value put into a field that holds a regular expression must match itself literally.
	const {patternFields} = checkTypeOf(check);
	const filled: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(check)) {
		if (typeof value === 'string') {
			filled[key] = patternFields.includes(key) ? fillPlaceholders(value, values, escapeRegex) : fillPlaceholders(value, values);
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
