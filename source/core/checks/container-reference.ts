/**
 * A container name or id as the engine accepts it. Checks put it into API paths, so anything else
 * ("x/../../images", "a?b") is refused before it reaches the engine.
 */
const containerReference = /^[a-zA-Z\d][a-zA-Z\d_.-]{0,254}$/;

export function asContainerReference(value: string): string | undefined {
	const name = value.startsWith('/') ? value.slice(1) : value;
	return containerReference.test(name) ? name : undefined;
}
