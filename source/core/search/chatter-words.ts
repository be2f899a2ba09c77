import {stemOf} from './phrase-words.js';

/**
 * Words of a bug report's prose that say nothing about which cause it is: "I tried everything,
 * it still doesn't work, any idea?". In a knowledge base of a hundred playbooks many of them are
 * rare, so by rarity alone they would weigh like "celerybeat"; a query counts them for little.
 * (Glue words that are never worth anything are dropped by the tokenizer already.)
 */
const chatter = [
	'about', 'above', 'across', 'actually', 'add', 'added', 'adding', 'after', 'afterwards', 'again',
	'against', 'ago', 'all', 'almost', 'alone', 'along', 'already', 'also', 'although', 'always', 'am',
	'among', 'another', 'any', 'anybody', 'anyone', 'anything', 'anyway', 'anywhere', 'appear',
	'appears', 'appreciate', 'around', 'ask', 'asked', 'asking', 'attempt', 'attempted', 'attempts',
	'away', 'back', 'basically', 'be', 'became', 'because', 'become', 'becomes', 'been', 'before',
	'beforehand', 'behind', 'being', 'believe', 'below', 'beside', 'besides', 'best', 'better',
	'between', 'beyond', 'bit', 'both', 'bring', 'brings', 'bug', 'but', 'by', 'came', 'can', 'case',
	'cases', 'certain', 'certainly', 'clear', 'clearly', 'come', 'comes', 'coming', 'completely',
	'consider', 'could', 'currently', 'day', 'days', 'definitely', 'describe', 'described',
	'description', 'despite', 'detail', 'details', 'did', 'different', 'do', 'does', 'doing', 'done',
	'down', 'during', 'each', 'easily', 'easy', 'either', 'else', 'elsewhere', 'enough', 'entire',
	'entirely', 'especially', 'etc', 'even', 'ever', 'every', 'everybody', 'everyone', 'everything',
	'everywhere', 'exactly', 'example', 'except', 'expect', 'expected', 'expecting', 'experience',
	'explain', 'explained', 'fact', 'far', 'feel', 'few', 'figure', 'figured', 'find', 'finding',
	'fine', 'follow', 'followed', 'following', 'from', 'further', 'get', 'gets', 'getting', 'give',
	'given', 'gives', 'go', 'goes', 'going', 'gone', 'good', 'got', 'great', 'guess', 'guys', 'had',
	'happen', 'happened', 'happening', 'happens', 'hard', 'has', 'have', 'having', 'hello', 'help',
	'helpful', 'hence', 'her', 'here', 'hey', 'hi', 'him', 'his', 'hope', 'hopefully', 'how',
	'however', 'idea', 'ideas', 'if', 'im', 'important', 'in', 'indeed', 'instead', 'interesting',
	'into', 'is', 'issue', 'issues', 'it', 'itself', 'just', 'keep', 'kind', 'know', 'knowing',
	'known', 'lately', 'later', 'least', 'less', 'let', 'lets', 'like', 'likely', 'little', 'look',
	'looked', 'looking', 'looks', 'lot', 'lots', 'made', 'mainly', 'make', 'makes', 'making', 'many',
	'may', 'maybe', 'me', 'mean', 'means', 'meanwhile', 'mention', 'mentioned', 'might', 'mind',
	'more', 'moreover', 'most', 'mostly', 'much', 'must', 'my', 'myself', 'near', 'nearly', 'need',
	'needed', 'needs', 'never', 'nevertheless', 'next', 'nice', 'nobody', 'none', 'nonetheless',
	'normal', 'normally', 'nothing', 'notice', 'noticed', 'now', 'nowhere', 'obviously', 'of', 'off',
	'often', 'oh', 'ok', 'okay', 'on', 'once', 'one', 'ones', 'only', 'onto', 'or', 'other', 'others',
	'otherwise', 'ought', 'our', 'out', 'over', 'overall', 'own', 'part', 'particular', 'particularly',
	'past', 'people', 'perhaps', 'please', 'point', 'possible', 'possibly', 'pretty', 'probably',
	'problem', 'problems', 'properly', 'provide', 'provided', 'put', 'question', 'questions',
	'quickly', 'quite', 'rather', 'real', 'really', 'reason', 'recently', 'regarding', 'regards',
	'related', 'relevant', 'reply', 'report', 'reported', 'right', 'said', 'same', 'saw', 'say',
	'saying', 'says', 'see', 'seeing', 'seem', 'seemed', 'seeming', 'seems', 'seen', 'several',
	'shall', 'she', 'should', 'show', 'showed', 'shown', 'shows', 'since', 'so', 'some', 'somebody',
	'somehow', 'someone', 'something', 'sometime', 'sometimes', 'somewhat', 'somewhere', 'soon',
	'sorry', 'specific', 'specifically', 'still', 'stuff', 'such', 'suggest', 'suggestions', 'suppose',
	'supposed', 'sure', 'surprised', 'take', 'taken', 'takes', 'taking', 'tell', 'thank', 'thanks',
	'that', 'the', 'their', 'them', 'themselves', 'then', 'there', 'thereby', 'therefore', 'these',
	'they', 'thing', 'things', 'think', 'thinking', 'this', 'those', 'though', 'thought', 'through',
	'thus', 'to', 'together', 'told', 'too', 'took', 'toward', 'towards', 'tried', 'tries', 'truly',
	'try', 'trying', 'turn', 'turned', 'turns', 'understand', 'understanding', 'unfortunately',
	'unless', 'unlike', 'unlikely', 'until', 'up', 'upon', 'us', 'use', 'used', 'useful', 'using',
	'usually', 'various', 'very', 'via', 'want', 'wanted', 'wants', 'was', 'way', 'ways', 'we',
	'weird', 'well', 'went', 'were', 'what', 'whatever', 'when', 'whenever', 'where', 'whereas',
	'whether', 'which', 'while', 'who', 'whole', 'whom', 'whose', 'why', 'will', 'wish', 'with',
	'within', 'without', 'wonder', 'wondering', 'work', 'worked', 'works', 'would', 'yes', 'yet',
	'you', 'your', 'yourself',
];

let stems: ReadonlySet<string> | undefined;

/** Whether a stem is one of chatter's. */
export function isChatter(stem: string): boolean {
	stems ??= new Set(chatter.map(word => stemOf(word)));
	return stems.has(stem);
}
