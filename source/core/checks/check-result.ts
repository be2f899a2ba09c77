export type CheckStatus = 'pass' | 'fail';

/** What one check found: pass or fail, with one plain line saying what it saw. */
export type CheckResult = {
	readonly status: CheckStatus;
	readonly detail: string;
};
