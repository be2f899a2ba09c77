// Written by scripts/write-credential-cue-patterns.ts (npm run build) from credential-cues.ts: do not edit.
/** The source of the regular expression that finds each cue group's cues, in the order of cueGroups. */
export const cuePatternSources: readonly string[] = [
	"\\b(?:PRIVATE KEY|:\\/\\/|B(?:asic|earer|EARER)|Token|A(?:KIA|SIA|BIA|CCA|Iza)|SG\\.)",
	"\\b(?:bearer|g(?:h(?:p_|o_|u_|s_|r_)|ithub_pat_|l(?:p(?:at\\-|tt\\-)|dt\\-|rt\\-|cbt\\-|f(?:t\\-|fct\\-)|imt\\-|oas\\-|soat\\-|agent\\-))|x(?:ox|app\\-)|h(?:ooks\\.slack\\.com|f_|v(?:s\\.|b\\.|r\\.))|s(?:k(?:_(?:live_|test_)|\\-))|r(?:k(?:_(?:live_|test_)))|whsec_|npm_|eyJ|d(?:c(?:k(?:r(?:_(?:pat_|oat_)))))|pypi\\-AgE)|[aA][uU][tT][hH]|[sS](?:[eE](?:[cC][rR][eE][tT]|[sS][sS])|[iI][gG])|[pP](?:[aA][sS][sS]|[wW][dD])|[cC](?:[rR][eE][dD]|[oO][oO][kK][iI][eE])|[tT][oO][kK][eE][nN]|[kK][eE][yY]"
];
