/**
 * `{name}` placeholders in playbook commands and checks. Double braces (`{{json .State}}`, Go
 * templates for `docker inspect --format`) are left alone.
 */
const placeholder = /(?<!\{)\{([a-z][a-z\d-]*)\}(?!\})/g;

export function placeholdersIn(text: string): string[] {
	return [...text.matchAll(placeholder)].map(match => match[1]!);
}

export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>, quote: (value: string) => string = value => value): string {
	return text.replace(placeholder, (whole, name: string) => {
		const value = values[name];
		return value === undefined ? whole : quote(value);
	});
}

/** Quotes a value as one POSIX shell word. */
export function shellQuote(value: string): string {
	return `'${value.replaceAll('\'', String.raw`'\''`)}'`;
}
