// `npm run lint`, part of `npm test`: the rules the type check cannot see. Type-only import cycles,
// which no import plugin follows, are test/architecture/import-graph.test.ts's to catch.
import js from '@eslint/js';
import {createNodeResolver, importX} from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'bench/dist/', 'node_modules/', 'schema/']},
	js.configs.recommended,
	tseslint.configs.recommended,
	{
		languageOptions: {
			ecmaVersion: 2023,
			sourceType: 'module',
			globals: globals.node,
		},
		plugins: {'import-x': importX},
		settings: {
			'import-x/resolver-next': [
				// Sources import each other as `./x.js`, the name `./x.ts` compiles to.
				createNodeResolver({extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'], extensionAlias: {'.js': ['.ts', '.tsx', '.js']}}),
			],
		},
		rules: {
			'import-x/no-cycle': 'error',
			'no-duplicate-imports': ['error', {allowSeparateTypeImports: true}],
			// `const {secret: _secret, ...rest} = value` is how a field is left out.
			'@typescript-eslint/no-unused-vars': ['error', {ignoreRestSiblings: true}],
			// Control characters are what the code that cleans terminal text looks for, and what its tests send.
			'no-control-regex': 'off',
		},
	},
	{
		// The CommonJS piece the build injects into its CommonJS bundles.
		files: ['scripts/commonjs-module-url.js'],
		languageOptions: {sourceType: 'commonjs'},
		rules: {'@typescript-eslint/no-require-imports': 'off'},
	},
	{
		// The bin, bundled as CommonJS: it requires what a command line needs only when it needs it.
		files: ['source/cli.ts'],
		rules: {'@typescript-eslint/no-require-imports': 'off'},
	},
);
