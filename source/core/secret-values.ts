/**
 * Secret values seen during a scan (a container's POSTGRES_PASSWORD, a --password argument),
 * kept only so that the output of a fix step can be redacted with them. They never serialise:
 * JSON.stringify and string conversion show "[redacted]".
 */
export class SecretValues {
	readonly #values: readonly string[];

	constructor(values: Iterable<string> = []) {
		// Longest first, so a secret that contains another is redacted whole.
		this.#values = [...new Set(values)].filter(value => value.length > 0).sort((left, right) => right.length - left.length);
	}

	values(): readonly string[] {
		return this.#values;
	}

	toJSON(): string {
		return '[redacted]';
	}

	toString(): string {
		return '[redacted]';
	}
}
