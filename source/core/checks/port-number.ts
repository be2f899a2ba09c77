/** A TCP port from a filled check ("5432"), or undefined when it is not one. */
export function parsePort(value: string): number | undefined {
	if (!/^\d{1,5}$/.test(value.trim())) {
		return undefined;
	}

	const port = Number(value.trim());
	return port >= 1 && port <= 65_535 ? port : undefined;
}
