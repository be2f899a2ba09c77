import {z} from 'zod';
import {conceptRoles, phrasingGap, phrasingGapWords, type Concept} from './vocabulary.js';

/**
 * The one schema every vocabulary file is validated against, also exported as JSON Schema
 * (`schema/vocabulary.schema.json`) for editors. Apart from vocabulary.ts so that search, which
 * reads the build's validated copy, never loads zod.
 */
const kebabCase = /^[a-z\d]+(?:-[a-z\d]+)*$/;

export const vocabularyFileSchema = z
	.object({
		concepts: z
			.array(z
				.object({
					id: z.string().regex(kebabCase, 'use lowercase words joined by hyphens').describe('A name for the concept, unique across every vocabulary file.'),
					meaning: z.string().min(1).describe('What every phrasing of it says, in one sentence.'),
					role: z
						.enum(conceptRoles)
						.default('symptom')
						.describe('symptom: what goes wrong ("connection refused"), which decides between causes; context: the setting it happens in ("on Windows", "a bind mount"), which only qualifies; ecosystem: a language and its tools ("pip", "cargo"), which say what a text or a playbook\'s title is about (a playbook for one language weighs less for a text about only another).'),
					phrasings: z
						.array(z.string().min(2))
						.min(2)
						.describe(`Ways people write it. Matched as whole words in order, stemmed, contractions spelled out; "${phrasingGap}" lets up to ${phrasingGapWords} other words stand between two words.`),
					opposites: z
						.array(z.string().min(2))
						.min(1)
						.optional()
						.describe('Ways people say it does not hold ("the port is published" against a port never published), matched like phrasings; in a query they count against the concept.'),
				})
				.strict()
				.refine(concept => concept.role !== 'ecosystem' || concept.opposites === undefined, {path: ['opposites'], message: 'an ecosystem names a language and has no opposites; remove them'}))
			.min(1),
	})
	.strict() satisfies z.ZodType<{concepts: Concept[]}>;

export function vocabularyJsonSchema(): Record<string, unknown> {
	return z.toJSONSchema(vocabularyFileSchema, {io: 'input', target: 'draft-7'}) as Record<string, unknown>;
}
