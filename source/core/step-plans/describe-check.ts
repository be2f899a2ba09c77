import {checkTypeOf, type Check} from '../checks/registry.js';

/**
 * One line saying what a check verifies, e.g. "container api-1 is healthy". The playbook's own
 * description wins. The check's values must be those to show (redacted), not those that run.
 */
export function describeCheck(check: Check): string {
	return check.description ?? checkTypeOf(check).describe(check);
}
