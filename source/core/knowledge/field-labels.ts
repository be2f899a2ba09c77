/**
 * The field a bold label (`**Root Cause**:`) or a sub-heading (`### Solution`) introduces. Teams
 * word these many ways; the lists below are the wordings seen in real blocker logs and their
 * obvious relatives. Anything else is kept in the note's body but fills no field.
 */
export type FieldFamily =
	| 'problem'
	| 'error'
	| 'cause'
	| 'attempted'
	| 'resolution'
	| 'workaround'
	| 'tradeoffs'
	| 'lessons'
	| 'status'
	| 'date'
	| 'date-resolved'
	| 'service';

const families: ReadonlyArray<readonly [FieldFamily, readonly string[]]> = [
	['problem', ['issue', 'problem', 'problems', 'description', 'symptom', 'symptoms', 'what happened', 'risk', 'context', 'observed behaviour', 'observed behavior']],
	['error', ['error', 'errors', 'error message', 'error output', 'logs', 'log', 'log output', 'stack trace', 'traceback', 'investigation findings', 'findings']],
	['cause', ['root cause', 'root causes', 'cause', 'causes', 'root cause analysis', 'technical assessment', 'assessment', 'diagnosis', 'analysis', 'why it happened']],
	['attempted', ['attempted solutions', 'attempted solution', 'attempted fix', 'attempted fixes', 'attempts', 'tried', 'what we tried', 'what was tried', 'what did not work', 'what didn t work', 'failed attempts']],
	['resolution', ['resolution', 'solution', 'solutions', 'fix', 'fixes', 'the fix', 'fix applied', 'fixed by', 'resolved by', 'how it was fixed', 'result', 'outcome']],
	['workaround', ['workaround', 'workarounds', 'temporary fix', 'mitigation']],
	['tradeoffs', ['trade offs', 'tradeoffs', 'trade off', 'tradeoff', 'downsides', 'caveats', 'consequences']],
	['lessons', ['lessons learned', 'lessons learnt', 'lessons', 'lesson', 'takeaways', 'key takeaways', 'learnings']],
	['status', ['status', 'current status', 'state']],
	['date', ['date', 'date opened', 'opened', 'date reported', 'reported', 'update date']],
	['date-resolved', ['date resolved', 'resolved on', 'date closed', 'closed']],
	['service', ['service area', 'service', 'area', 'component', 'affected service']],
];

const familyByName = new Map<string, FieldFamily>(families.flatMap(([family, names]) => names.map(name => [name, family] as const)));

function normalise(name: string): string {
	return name.toLowerCase().replace(/\([^)]*\)/g, ' ').replace(/[^a-z\d]+/g, ' ').trim();
}

/** The field a label or sub-heading names, if any. "Frontend Container Error" is an error. */
export function fieldFamilyOf(name: string): FieldFamily | undefined {
	const normalised = normalise(name);
	const exact = familyByName.get(normalised);
	if (exact) {
		return exact;
	}

	// "Frontend Container Error", "Build errors": a name that ends in the word error.
	return /(?:^| )errors?$/.test(normalised) && normalised.split(' ').length <= 5 ? 'error' : undefined;
}

/** Families that describe what went wrong. */
export function isProblemFamily(family: FieldFamily | undefined): boolean {
	return family === 'problem' || family === 'error';
}

/** Families that, beside a problem, make a section a blocker entry rather than prose. */
export function isFollowUpFamily(family: FieldFamily | undefined): boolean {
	return family === 'cause' || family === 'attempted' || family === 'resolution' || family === 'workaround'
		|| family === 'tradeoffs' || family === 'lessons' || family === 'status' || family === 'date-resolved';
}

/** Code fence languages that hold configuration or code rather than error output. */
const configLanguages = new Set(['yaml', 'yml', 'json', 'toml', 'ini', 'dockerfile', 'diff', 'gitignore', 'hcl', 'xml', 'markdown', 'md', 'python', 'py', 'rust', 'rs', 'go', 'typescript', 'ts', 'javascript', 'js', 'sql']);

export function isErrorFence(info: string): boolean {
	return !configLanguages.has(info);
}
