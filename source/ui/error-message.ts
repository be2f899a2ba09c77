/** The first line of what went wrong, for a screen that says so in one line. */
export function messageOf(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] ?? 'unknown error';
}
