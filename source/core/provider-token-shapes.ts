/**
 * Providers' token formats (AWS, GitHub, GitLab, Slack, Stripe, Google, npm, JWT, Hugging Face,
 * OpenAI, Anthropic, Docker Hub, PyPI, Vault, SendGrid): each recognised by its own prefix or
 * form, whatever name it is given.
 */
import {base64, digits, githubToken, jwt, letters, redactedMarker, replacing, sample, upperBase32, type CredentialExamples, type CredentialShape} from './credential-shape-kit.js';

export const providerTokenShapes: readonly CredentialShape[] = [
	{
		name: 'aws-access-key-id',
		cues: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
		cuesAtWordBoundary: true,
		redact: replacing(/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [
				{text: `AWS_ACCESS_KEY_ID=AKIA${sample(16, 'aws-id', upperBase32)}`, secret: `AKIA${sample(16, 'aws-id', upperBase32)}`, redacted: 'AWS_ACCESS_KEY_ID=[redacted]'},
				{text: `X-Amz-Credential=ASIA${sample(16, 'aws-session', upperBase32)}/20260101/us-east-1/s3/aws4_request`, secret: `ASIA${sample(16, 'aws-session', upperBase32)}`},
			];
		},
		keeps: ['ASIAN_MARKETS_REPORT_2026', 'AKIA_IS_NOT_A_KEY'],
	},
	{
		name: 'aws-secret-access-key',
		cues: ['secret_access', 'secretaccess', 'secret-access'],
		anyCaseCues: true,
		// Forty base64 characters, known only by what names them: also "aws configure set
		// aws_secret_access_key VALUE", which has no "=" for the name rules to see.
		redact: replacing(/((?:aws[_-]?)?secret[_-]?access[_-]?key["']?[ \t]*(?:[=:]|[ \t])[ \t]*["']?)[A-Za-z\d/+]{40}(?![A-Za-z\d/+=])/gi, `$1${redactedMarker}`),
		get redacts(): CredentialExamples {
			return [
				{text: `aws configure set aws_secret_access_key ${sample(40, 'aws-secret', base64)}`, secret: sample(40, 'aws-secret', base64), redacted: 'aws configure set aws_secret_access_key [redacted]'},
				{text: `{"AccessKeyId":"ASIA…","SecretAccessKey":"${sample(40, 'sts', base64)}"}`, secret: sample(40, 'sts', base64), redacted: '{"AccessKeyId":"ASIA…","SecretAccessKey":"[redacted]"}'},
			];
		},
		keeps: ['aws_secret_access_key is not set'],
	},
	{
		name: 'github-token',
		cues: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bgh[pousr]_[A-Za-z\d]{36,251}\b/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [
				{text: `remote: Invalid username or password. token ${githubToken} expired`, secret: githubToken, redacted: 'remote: Invalid username or password. token [redacted] expired'},
				{text: `GH_ENTERPRISE=ghs_${sample(36, 'actions')}`, secret: `ghs_${sample(36, 'actions')}`},
			];
		},
		keeps: ['ghp_short', 'use a ghp_ token'],
	},
	{
		name: 'github-fine-grained-token',
		cues: ['github_pat_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bgithub_pat_\w{22,255}/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [{text: `export GH=github_pat_${sample(22, 'fine-1')}_${sample(59, 'fine-2')}`, secret: `github_pat_${sample(22, 'fine-1')}`, redacted: 'export GH=[redacted]'}];
		},
	},
	{
		name: 'gitlab-token',
		// Personal, deploy, runner, trigger, CI job, feed, mail, OAuth, service-account, feature-flag and agent tokens.
		cues: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glft-', 'glimt-', 'gloas-', 'glsoat-', 'glffct-', 'glagent-'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bgl(?:pat|dt|rt|ptt|cbt|ft|imt|oas|soat|ffct|agent)-[\w-]{20,255}/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [
				{text: `PRIVATE-TOKEN: glpat-${sample(20, 'gitlab')}`, secret: `glpat-${sample(20, 'gitlab')}`},
				{text: `Registering runner... token=glrt-${sample(24, 'runner')} succeeded`, secret: `glrt-${sample(24, 'runner')}`},
			];
		},
		keeps: ['glpat-short'],
	},
	{
		name: 'slack-token',
		cues: ['xox', 'xapp-'],
		cuesAtWordBoundary: true,
		redact: replacing(/\b(?:xox[abprse]|xapp)-[A-Za-z\d-]{10,255}/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [
				{text: `slack xoxb-${sample(12, 'slack-1', digits)}-${sample(13, 'slack-2', digits)}-${sample(24, 'slack-3')} EACCES: permission denied`, secret: sample(24, 'slack-3'), redacted: 'slack [redacted] EACCES: permission denied'},
				{text: `SLACK_APP=xapp-1-A0${sample(9, 'app-1')}-${sample(13, 'app-2', digits)}-${sample(64, 'app-3', '0123456789abcdef')}`, secret: sample(64, 'app-3', '0123456789abcdef')},
			];
		},
		keeps: ['xoxo-gossip', 'xoxb-'],
	},
	{
		name: 'slack-webhook',
		cues: ['hooks.slack.com'],
		cuesAtWordBoundary: true,
		redact: replacing(/(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z\d+/_-]{20,255}/g, `$1${redactedMarker}`),
		get redacts(): CredentialExamples {
			return [{
				text: `posting to https://hooks.slack.com/services/T${sample(8, 'hook-1', upperBase32)}/B${sample(8, 'hook-2', upperBase32)}/${sample(24, 'hook-3')} failed`,
				secret: sample(24, 'hook-3'),
				redacted: 'posting to https://hooks.slack.com/services/[redacted] failed',
			}];
		},
	},
	{
		name: 'stripe-key',
		// Test-mode keys too: they read and write the account's test data, and they are what a
		// development stack holds. Publishable keys (pk_) are public by design.
		cues: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_', 'whsec_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\b(?:[sr]k_(?:live|test)_[A-Za-z\d]{10,247}|whsec_[A-Za-z\d]{24,255})\b/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [
				{text: `stripe.api_key set from sk_live_${sample(24, 'stripe-live')}`, secret: `sk_live_${sample(24, 'stripe-live')}`},
				{text: `rk_test_${sample(24, 'stripe-restricted')} rejected`, secret: `rk_test_${sample(24, 'stripe-restricted')}`, redacted: '[redacted] rejected'},
				{text: `webhook secret whsec_${sample(32, 'stripe-webhook')}`, secret: `whsec_${sample(32, 'stripe-webhook')}`},
			];
		},
		keeps: [`pk_live_${sample(24, 'stripe-publishable')}`],
	},
	{
		name: 'google-api-key',
		cues: ['AIza'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bAIza[\w-]{35}(?![\w-])/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [{text: `GET https://maps.googleapis.com/maps/api/geocode/json?address=x&key=AIza${sample(35, 'google')}`, secret: `AIza${sample(35, 'google')}`}];
		},
		keeps: ['AIzaShort'],
	},
	{
		name: 'npm-token',
		cues: ['npm_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bnpm_[A-Za-z\d]{36}\b/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [{text: `npm notice using npm_${sample(36, 'npm')}`, secret: `npm_${sample(36, 'npm')}`, redacted: 'npm notice using [redacted]'}];
		},
		keeps: ['npm_config_cache=/tmp/.npm', 'npm_lifecycle_event=build'],
	},
	{
		name: 'jwt',
		cues: ['eyJ'],
		cuesAtWordBoundary: true,
		// Three base64url parts, the header a JSON object ("eyJ" is how '{"' begins); the
		// signature may be empty (alg "none").
		redact: replacing(/(?<![\w-])eyJ[\w-]{8,4096}\.[\w-]{4,8192}\.[\w-]{0,4096}/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [
				{text: `session restored from ${jwt} ok`, secret: jwt, redacted: 'session restored from [redacted] ok'},
				{text: `id=eyJhbGciOiJub25lIn0.eyJ${sample(20, 'unsigned')}.`, secret: sample(20, 'unsigned'), redacted: 'id=[redacted]'},
			];
		},
		keeps: ['eyJhbGciOiJIUzI1NiJ9 alone is a header, not a token'],
	},
	{
		name: 'huggingface-token',
		cues: ['hf_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bhf_[A-Za-z]{34}\b/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [{text: `huggingface-cli login --token hf_${sample(34, 'hf', letters)} --add-to-git-credential`, secret: `hf_${sample(34, 'hf', letters)}`}];
		},
		keeps: ['hf_transfer enabled'],
	},
	{
		name: 'openai-api-key',
		cues: ['sk-'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bsk-(?:proj|svcacct|admin)-[\w-]{20,255}|\bsk-[A-Za-z\d]{20}T3BlbkFJ[A-Za-z\d]{20}\b/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [
				{text: `Incorrect API key provided: sk-proj-${sample(64, 'openai')}.`, secret: `sk-proj-${sample(64, 'openai')}`},
				{text: `sk-${sample(20, 'legacy-1')}T3BlbkFJ${sample(20, 'legacy-2')}`, secret: sample(20, 'legacy-2'), redacted: '[redacted]'},
			];
		},
		keeps: ['disk-proj-usage'],
	},
	{
		name: 'anthropic-api-key',
		cues: ['sk-ant-'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bsk-ant-[a-z]{3,5}\d{2}-[\w-]{20,255}/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [{text: `x-api-key header: sk-ant-api03-${sample(93, 'anthropic')}AA`, secret: sample(93, 'anthropic')}];
		},
	},
	{
		name: 'docker-hub-token',
		cues: ['dckr_pat_', 'dckr_oat_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bdckr_(?:pat|oat)_[\w-]{20,255}/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [{text: `echo dckr_pat_${sample(27, 'docker-hub')} | docker login -u app --password-stdin`, secret: `dckr_pat_${sample(27, 'docker-hub')}`, redacted: 'echo [redacted] | docker login -u app --password-stdin'}];
		},
	},
	{
		name: 'pypi-token',
		cues: ['pypi-AgE'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bpypi-AgE[\w-]{50,512}/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [{text: `twine upload -p pypi-AgEIcHlwaS5vcmc${sample(60, 'pypi')} dist/*`, secret: sample(60, 'pypi'), redacted: 'twine upload -p [redacted] dist/*'}];
		},
	},
	{
		name: 'vault-token',
		// A Vault dev server prints its root token in its log.
		cues: ['hvs.', 'hvb.', 'hvr.'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bhv[sbr]\.[\w-]{24,255}/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [{text: `Root Token: hvs.${sample(24, 'vault')}`, secret: `hvs.${sample(24, 'vault')}`, redacted: 'Root Token: [redacted]'}];
		},
		keeps: ['loaded hvs.conf'],
	},
	{
		name: 'sendgrid-key',
		cues: ['SG.'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bSG\.[\w-]{22}\.[\w-]{43}\b/g, redactedMarker),
		get redacts(): CredentialExamples {
			return [{text: `mailer: SG.${sample(22, 'sendgrid-1')}.${sample(43, 'sendgrid-2')} rejected`, secret: sample(43, 'sendgrid-2'), redacted: 'mailer: [redacted] rejected'}];
		},
		keeps: ['SG.Small'],
	},
];
