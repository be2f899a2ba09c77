import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {factConcepts, pastedConfigurationFacts} from '../../../source/core/search/pasted-configuration.js';

const concepts = (text: string) => pastedConfigurationFacts(text).map(fact => fact.concept);

describe('pastedConfigurationFacts', () => {
	test.each([
		['docker run -d --name shop nginx:1.27 and the page does not load', ['port-not-mapped']],
		['`docker container run --rm -it myapp`', ['port-not-mapped']],
		['docker run -d -p 8080:80 nginx', []],
		['docker run -d --publish=8080:80 nginx', []],
		['docker run -d -P nginx', []],
		['docker run --network host nginx', []],
		['podman run -p8080:80 nginx', []],
		['I ran docker compose up', []],
		['docker run says the command was not found', []],
		['docker run myorg/api and then it cannot be reached', ['port-not-mapped']],
		['my Dockerfile:\nFROM node:22-alpine\nCOPY . /app\nCMD ["node", "server.js"]', ['dockerfile']],
		['  RUN pip install -r requirements.txt', ['dockerfile']],
		['Run the app, then copy the file and add a user', []],
		['the from address is wrong', []],
		['DATABASE_URL=postgres://app:secret@localhost:5432/shop', ['localhost-in-settings']],
		['    environment:\n      REDIS_HOST: 127.0.0.1', ['localhost-in-settings']],
		["cache = {'host': 'localhost', 'port': 6379}", ['localhost-in-settings']],
		['DB_HOST=db and the app still says connection refused', []],
		['curl http://localhost:8080 works on the host', []],
		['REDIS_URL=redis://localhost.example.com:6379', []],
		['level=INFO msg="starting http server" addr=localhost:8000', []],
		['listening on host=127.0.0.1 port=8080', []],
		['REDIS_ADDR=localhost:6379\nserver listening on :8080', ['localhost-in-settings']],
		["const res = await fetch('http://localhost:8000/api/items')", ['localhost-in-settings']],
		['mongoose.connect("mongodb://127.0.0.1:27017/shop")', ['localhost-in-settings']],
		["app.listen('http://localhost:3000')", []],
		["server.listen('http://127.0.0.1:3000')\nconst api = await fetch('http://localhost:8000/api')", ['localhost-in-settings']],
		["app.listen(3000, () => console.log('http://localhost:3000'))", []],
		['resp = requests.get(f"http://localhost:{port}/health")', ['localhost-in-settings']],
		["const client = createClient({url: 'redis://localhost:6379'})", ['localhost-in-settings']],
		['fetch(`http://localhost.internal.example:8000`)', []],
	])('%j states %j', (text, expected) => {
		expect(concepts(text)).toEqual(expected);
	});

	test('compose services on different networks, whatever the indentation', () => {
		const twoSpaces = ['services:', '  api:', '    image: api', '    networks:', '      - proxy', '  db:', '    image: postgres', 'networks:', '  proxy:', '    external: true'].join('\n');
		const fourSpaces = twoSpaces.replaceAll('  ', '    ');
		expect(concepts(twoSpaces)).toEqual(['separate-networks']);
		expect(concepts(fourSpaces)).toEqual(['separate-networks']);
	});

	test('compose services that share a network, or name none, state nothing', () => {
		const shared = ['services:', '  api:', '    networks: [back, front]', '  db:', '    networks:', '      back:', '        aliases: [database]'].join('\n');
		const defaults = ['services:', '  api:', '    image: api', '  db:', '    image: postgres'].join('\n');
		expect(concepts(shared)).toEqual([]);
		expect(concepts(defaults)).toEqual([]);
	});

	test.each([
		['Failed to pull image "registry.example.com/team/api:2.3.1": not found', '2.3.1'],
		['    image: shop/web:dev', 'dev'],
		['kind load docker-image api:test --name dev', 'test'],
		['docker build -t api:v2 . && kubectl apply -f deploy.yaml', 'v2'],
		['image: localhost:5001/api:feature-x', 'feature-x'],
	])('%j names an image by a tag of its own (%s), which denies latest', (text, tag) => {
		expect(pastedConfigurationFacts(text)).toEqual([{concept: 'latest-tag', written: `an image tagged ${tag}`, denies: true}]);
	});

	test.each([
		'Failed to pull image "api:latest": not found',
		'image: localhost:5001/api',
		'Failed to pull image "api": pull access denied',
	])('%j names no tag of its own', text => {
		expect(pastedConfigurationFacts(text)).toEqual([]);
	});

	test('names only concepts the shipped vocabulary has', () => {
		const directory = path.join(import.meta.dirname, '..', '..', '..', 'playbooks', 'vocabulary');
		const shipped = readdirSync(directory).map(file => readFileSync(path.join(directory, file), 'utf8')).join('\n');
		for (const concept of factConcepts) {
			expect(shipped).toContain(`  - id: ${concept}\n`);
		}
	});
});
