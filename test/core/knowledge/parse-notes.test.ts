import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseKnowledge} from '../../../source/core/knowledge/parse-notes.js';
import type {Note} from '../../../source/core/note.js';

const seeds = path.join(import.meta.dirname, '..', '..', 'fixtures', 'seeds');
const parseSeed = (name: string) => parseKnowledge(readFileSync(path.join(seeds, name), 'utf8'), {file: `seeds/${name}`});

/** The fields a reader checks first; the first line of each text field. */
function summary(note: Note) {
	const first = (text: string | undefined) => text?.split('\n')[0];
	return {
		id: note.id,
		title: note.title,
		line: note.line,
		status: note.status,
		errors: note.errors,
		rootCause: first(note.rootCause),
		resolution: first(note.resolution),
	};
}

describe('blocker template with bold labels (seed 000, double-encoded)', () => {
	const {notes, diagnostics} = parseSeed('000_4dbef6ab6f5f7749.txt');

	it('finds the one blocker and skips the status section and the template', () => {
		expect(diagnostics).toEqual([]);
		expect(notes.map(summary)).toEqual([{
			id: '000_4dbef6ab6f5f7749#localstack-windowswsl2-volume-permission-issue',
			title: 'LocalStack Windows/WSL2 Volume Permission Issue',
			line: 13,
			status: 'resolved',
			errors: ['rm: cannot remove \'/tmp/localstack\': Device or resource busy\nOSError: [Errno 16] Device or resource busy: \'/tmp/localstack\''],
			rootCause: 'Docker volume mount on Windows/WSL2 has permission conflicts when LocalStack tries to manage /tmp/localstack directory. The combination of:',
			resolution: 'Modified LocalStack service configuration in docker/docker-compose.yml:',
		}]);
	});

	it('reads every field of the template, in clean text', () => {
		const [note] = notes;
		expect(note!.date).toBe('Day 2');
		expect(note!.anchors).toEqual(['localstack-windowswsl2-volume-permission-issue', 'resolved-blockers', 'current-blockers--issues']);
		expect(note!.problem).toBe('LocalStack container failed to start with error:\n\nThe container would exit immediately after attempting to start, preventing S3 service from running.');
		expect(note!.attempted).toEqual([
			'Restarting container - didn\'t resolve issue',
			'Removing and recreating volume - same error persisted',
			'Checking Docker Desktop resources - adequate (8GB RAM allocated)',
		]);
		expect(note!.tradeoffs).toEqual([
			'S3 data lost on container restart (buckets/files not preserved)',
			'Acceptable for this project - S3 only used for testing',
			'No performance impact',
			'Simpler configuration',
			'Cross-platform compatible',
		]);
		expect(note!.lessons[0]).toBe('Windows/WSL2 Docker volumes can have permission issues with certain images');
		expect(note!.lessons).toHaveLength(5);
		expect(note!.resolution).toContain('2. Set PERSISTENCE to 0 to use in-memory storage:\n\n    environment:\n      PERSISTENCE: 0  # Disable persistence, use memory');
	});

	it('repairs the double-encoded emoji in the body it keeps for rendering', () => {
		expect(notes[0]!.body).toContain('**Current Status**: 🟢 Resolved  ');
		expect(notes[0]!.body).not.toContain('üü');
		expect(notes[0]!.body.split('\n')[0]).toBe('### LocalStack Windows/WSL2 Volume Permission Issue');
		expect(notes[0]!.body.split('\n').at(-1)).toBe('- Solution documented in: `docker/docker-compose.yml` (inline comments)');
	});
});

describe('numbered fixes in a session summary (seed 001)', () => {
	const {notes} = parseSeed('001_48a958288d69486d.txt');

	it('makes one note per numbered fix, dated by the summary', () => {
		expect(notes.map(note => [note.id, note.title, note.line, note.status, note.resolution?.split('\n')[0]])).toEqual([
			['001_48a958288d69486d#etcd-port-exposure', 'etcd Port Exposure', 20, 'resolved', 'Added client/peer port mappings with env vars'],
			['001_48a958288d69486d#curl-installation', 'curl Installation', 21, 'resolved', 'Added to Dockerfile for health checks'],
			['001_48a958288d69486d#etcd-api-version', 'etcd API Version', 22, 'resolved', 'Changed from v2 to v3 in patroni.yml'],
			['001_48a958288d69486d#postgresql-user-context', 'PostgreSQL User Context', 23, 'resolved', 'Initial USER postgres for initdb'],
			['001_48a958288d69486d#json-parsing', 'JSON Parsing', 24, 'resolved', 'Fixed patterns for flexible whitespace in 3 scripts'],
			['001_48a958288d69486d#connect-addresses', 'Connect Addresses', 25, 'resolved', 'Added env vars for Patroni hostname resolution'],
			['001_48a958288d69486d#docker-volume-permissions', 'Docker Volume Permissions', 26, 'resolved', 'CRITICAL FIX - Implemented gosu-based privilege dropping'],
		]);
		expect(new Set(notes.map(note => note.date))).toEqual(new Set(['2025-01-15']));
	});

	it('merges the "Fix #7 Details" section into fix 7 and makes no note of it', () => {
		const fix = notes.find(note => note.title === 'Docker Volume Permissions')!;
		expect(fix.problem).toBe('Replicas couldn\'t start due to Docker volume permission errors');
		expect(fix.resolution).toBe([
			'CRITICAL FIX - Implemented gosu-based privilege dropping',
			'',
			'- Installed gosu package',
			'- Removed USER postgres directive',
			'- Updated bootstrap.sh to fix permissions as root, then drop to postgres',
			'- Rebuilt all 3 Patroni images',
			'',
			'Replicas successfully joined cluster, enabling automatic failover',
		].join('\n'));
		expect(fix.anchors?.slice(0, 2)).toEqual(['fix-7-details-final-blocker', 'infrastructure-fixes-applied']);
		expect(fix.body).toContain('### Fix #7 Details (Final Blocker)');
	});

	it('turns no test results, metrics, next steps or lessons list into notes', () => {
		expect(notes.some(note => /T056|Startup|Volume Management|Modern etcd/.test(note.title))).toBe(false);
	});
});

describe('Problem / Error / Root Cause / Solution sections (seed 002)', () => {
	const {notes} = parseSeed('002_428bfbd58a5622c9.txt');

	it('finds each issue with its error blocks, and the expected-error section', () => {
		expect(notes.map(summary)).toEqual([
			{
				id: '002_428bfbd58a5622c9#issue-1-secrets-file-not-protected',
				title: 'Issue 1: Secrets File Not Protected',
				line: 25,
				status: 'resolved',
				errors: [],
				rootCause: undefined,
				resolution: 'Added explicit gitignore entry',
			},
			{
				id: '002_428bfbd58a5622c9#issue-2-python-dependency-conflicts',
				title: 'Issue 2: Python Dependency Conflicts',
				line: 42,
				status: 'resolved',
				errors: ['Because langchain-openai (0.0.2) depends on tiktoken (>=0.5.2,<0.6.0)\n and project specifies tiktoken (^0.6.0), version solving failed.'],
				rootCause: 'Incompatible version constraints between:',
				resolution: 'Upgraded all affected packages to latest compatible versions:',
			},
			{
				id: '002_428bfbd58a5622c9#issue-3-missing-rust-code-workspace-build-failure',
				title: 'Issue 3: Missing Rust Code (Workspace Build Failure)',
				line: 70,
				status: 'resolved',
				errors: ['error: package `Cargo.lock` not found\nfailed to solve: "/Cargo.lock": not found'],
				rootCause: 'Repository is pre-implementation (documentation only), but Dockerfiles expected working code',
				resolution: 'Created minimal Rust scaffolding:',
			},
			{
				id: '002_428bfbd58a5622c9#issue-4-qdrant-health-check-failure',
				title: 'Issue 4: Qdrant Health Check Failure',
				line: 104,
				status: 'resolved',
				errors: [
					'✘ Container octollm-qdrant           Error                                                                       50.7s\ndependency failed to start: container octollm-qdrant is unhealthy',
					'OCI runtime exec failed: exec failed: unable to start container process:\nexec: "curl": executable file not found in $PATH',
				],
				rootCause: 'Qdrant Docker image (v1.7.0) doesn\'t include curl or wget, causing HTTP-based health check to fail',
				resolution: 'Changed from HTTP-based to process-based health check',
			},
			{
				id: '002_428bfbd58a5622c9#python-services-66-restarting---expected',
				title: 'Python Services (6/6 Restarting - Expected)',
				line: 195,
				status: 'open',
				errors: ['Could not import module "services.arms.retriever.src.main"\nModuleNotFoundError: No module named \'services\''],
				rootCause: undefined,
				resolution: undefined,
			},
		]);
	});

	it('keeps configuration fences (Before/After, Solution) out of the errors', () => {
		const qdrant = notes.find(note => note.title.startsWith('Issue 4'))!;
		expect(qdrant.errors.join('\n')).not.toContain('healthcheck:');
		expect(notes[0]!.problem).toBe('Generic .gitignore entries didn\'t explicitly protect infrastructure/docker-compose/.env\n\nAPI keys and passwords could be accidentally committed');
	});
});

describe('known and resolved issues with workarounds (seed 003)', () => {
	const {notes} = parseSeed('003_097a7738add9d4e2.txt');

	it('finds every issue with its status', () => {
		expect(notes.map(note => [note.title, note.status, note.errors])).toEqual([
			['MongoDB Lock File on Redeployment', 'workaround', ['DBPathInUse: Unable to lock the lock file: /bitnami/mongodb/data/db/mongod.lock (Resource temporarily unavailable).\nAnother mongod instance is already running on the /bitnami/mongodb/data/db directory']],
			['Grafana NodeGraph API Datasource Plugin Proxy Error', 'workaround', ['unsupported protocol scheme ""']],
			['Kind Node Image Cache (Use Skaffold)', 'resolved', []],
			['Registry Container Exists but Not on Kind Network', 'resolved', ['Error: name "kind-registry" is in use: container already exists']],
			['POD_NAME/POD_NAMESPACE Missing in Helm Templates', 'resolved', []],
			['Topology Nodes Deleted During Rolling Updates', 'resolved', []],
			['Port-Forward Management in Scripted Environments', 'resolved', ['bind: address already in use']],
			['Podman Build Cache With Mounted Source Directories', 'resolved', []],
		]);
	});

	it('reads the attempted fix and the workaround apart', () => {
		const mongo = notes[0]!;
		expect(mongo.attempted).toEqual(['Init container to remove mongod.lock on startup was tried but caused rolling update failures with bitnami/mongodb chart (exit code 100 during initialization).']);
		expect(mongo.resolution).toBe('Workaround:\nDelete the MongoDB deployment before redeploying:\n\n    kubectl delete deployment angzarr-db-mongodb -n angzarr\n    skaffold run');
		expect(mongo.rootCause).toBe('The emptyDir volume can persist across pod restarts within the same deployment revision, causing lock file conflicts.');
	});

	it('makes no note of the cluster setup section', () => {
		expect(notes.some(note => note.title.startsWith('Local K8s'))).toBe(false);
	});
});

describe('report with Root Cause Analysis and Attempted Solutions (seed 004)', () => {
	const {notes} = parseSeed('004_6b41ca46b37b4600.txt');

	it('makes one open note of the analysed issue, with the analysis beside it', () => {
		expect(notes.map(summary)).toEqual([{
			id: '004_6b41ca46b37b4600#permission-issues',
			title: 'Permission Issues',
			line: 23,
			status: 'open',
			errors: [
				'errno: -13,\ncode: \'EACCES\',\nsyscall: \'open\',\npath: \'/app/.next/trace\'',
				'PermissionError: [Errno 13] Permission denied: \'celerybeat-schedule\'',
			],
			rootCause: 'The permission issues appear to stem from:',
			resolution: undefined,
		}]);
		expect(notes[0]!.attempted).toEqual([
			'Named Volumes: Configured frontend_next and celery_beat_schedule volumes',
			'tmpfs Mounting: Used tmpfs for .next directory with specific permissions',
			'Alternative Paths: Moved schedule file to /tmp/celerybeat-schedule',
			'PID File Configuration: Added separate pidfile location',
		]);
		expect(notes[0]!.date).toBe('June 6, 2025');
	});
});

describe('other ways teams write blocker logs', () => {
	it('reads Problem / Error / Root Cause / Solution written as sub-headings', () => {
		const text = [
			'# Troubleshooting',
			'',
			'## Postgres refuses to start after upgrade',
			'',
			'### Problem',
			'The db container restarts every few seconds.',
			'',
			'### Error',
			'```',
			'FATAL:  database files are incompatible with server',
			'```',
			'',
			'### Root Cause',
			'The image tag `postgres:latest` moved from 15 to 16.',
			'',
			'### Solution',
			'- Pin `postgres:15`',
			'- Or dump and restore into a new volume',
			'',
			'### Lessons',
			'- Never use latest for databases',
		].join('\n');
		const {notes} = parseKnowledge(text, {file: 'docs/troubleshooting.md'});
		expect(notes.map(summary)).toEqual([{
			id: 'troubleshooting#postgres-refuses-to-start-after-upgrade',
			title: 'Postgres refuses to start after upgrade',
			line: 3,
			status: 'resolved',
			errors: ['FATAL:  database files are incompatible with server'],
			rootCause: 'The image tag postgres:latest moved from 15 to 16.',
			resolution: '- Pin postgres:15',
		}]);
		expect(notes[0]!.problem).toBe('The db container restarts every few seconds.');
		expect(notes[0]!.lessons).toEqual(['Never use latest for databases']);
	});

	it('takes an inline error after the label and a recorded cause slug', () => {
		const text = [
			'### Port clash on 5432',
			'**Cause**: `host-port-conflict`',
			'**Error**: Bind for 0.0.0.0:5432 failed: port is already allocated',
			'**Resolution**: Stopped the host Postgres.',
		].join('\n');
		const [note] = parseKnowledge(text, {file: 'BLOCKERS.md'}).notes;
		expect(note).toMatchObject({
			id: 'blockers#port-clash-on-5432',
			errors: ['Bind for 0.0.0.0:5432 failed: port is already allocated'],
			cause: 'host-port-conflict',
			linkedBy: 'recorded',
			status: 'resolved',
		});
		expect(note!.rootCause).toBeUndefined();
	});

	it('reads an explicit status over the heading it is filed under', () => {
		const text = [
			'## Resolved Blockers',
			'### Redis evicts keys',
			'**Issue**: keys vanish',
			'**Current Status**: 🟡 In Progress',
		].join('\n');
		expect(parseKnowledge(text, {file: 'log.md'}).notes[0]!.status).toBe('open');
	});

	it('gives no notes for a template, a status section or a metrics section', () => {
		const text = [
			'## Blocker Template',
			'**Issue**: [what broke]',
			'**Resolution**: [how]',
			'',
			'## [Blocker Title]',
			'**Issue**: x',
			'**Root Cause**: y',
			'',
			'## Entry Template',
			'### Example entry',
			'**Issue**: what broke',
			'**Resolution**: how it was fixed',
			'',
			'## 🟢 Status: No Active Blockers ✅',
			'',
			'## Performance Metrics',
			'- **Startup**: 30s',
			'**Build**: 27s',
		].join('\n');
		expect(parseKnowledge(text, {file: 'log.md'}).notes).toEqual([]);
	});

	it('reads Windows line endings like Unix ones', () => {
		const text = readFileSync(path.join(seeds, '003_097a7738add9d4e2.txt'), 'utf8');
		const unix = parseKnowledge(text, {file: 'log.md'}).notes.map(summary);
		expect(parseKnowledge(text.replace(/\n/g, '\r\n'), {file: 'log.md'}).notes.map(summary)).toEqual(unix);
	});

	it('strips terminal escape sequences from what it keeps', () => {
		const text = '### Evil\n**Issue**: \u001B]0;owned\u0007broken \u001B[31mred\u001B[0m\n**Resolution**: none';
		const [note] = parseKnowledge(text, {file: 'log.md'}).notes;
		expect(note!.problem).toBe('broken red');
		expect(note!.body).not.toContain('\u001B');
	});

	it('warns about a code fence that is never closed and still reads the file', () => {
		const text = '### Crash\n**Issue**: it crashes\n**Error**:\n```\nSegmentation fault\n';
		const result = parseKnowledge(text, {file: 'docs/log.md'});
		expect(result.diagnostics).toEqual([{
			file: 'docs/log.md',
			line: 4,
			message: 'this code fence is never closed, so the rest of the file reads as code; close it with ```',
			severity: 'warning',
		}]);
		expect(result.notes.map(note => note.errors)).toEqual([['Segmentation fault']]);
	});
});
