/**
 * Heading anchors as GitHub renders them, so `knowledge/<file>#<anchor>` links written by hand
 * (a playbook's `seenIn`) point at the same entry the parser finds.
 */

const notInSlug = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu;

/** The anchor GitHub gives a heading: lowercase, punctuation dropped, each space a hyphen. */
export function headingSlug(plainHeading: string): string {
	return plainHeading.toLowerCase().trim().replace(notInSlug, '').replace(/ /g, '-');
}

/** Hands out anchors in document order, numbering repeats ("setup", "setup-1") as GitHub does. */
export class SlugCounter {
	private readonly used = new Map<string, number>();

	next(plainHeading: string): string {
		const base = headingSlug(plainHeading);
		let slug = base;
		let count = this.used.get(base) ?? 0;
		while (this.used.has(slug)) {
			count++;
			slug = `${base}-${count}`;
		}

		this.used.set(base, count);
		this.used.set(slug, this.used.get(slug) ?? 0);
		return slug;
	}
}
